package dev.hermod.message.internal;

/** One part's text for the full-text index, drawing on a budget shared by the whole message. */
final class IndexText implements CharSink {

    /** Characters left for the message. */
    static final class Budget {
        private int left;

        Budget(int left) {
            this.left = left;
        }

        boolean exhausted() {
            return left <= 0;
        }
    }

    private final Budget budget;
    private final StringBuilder text = new StringBuilder();

    IndexText(Budget budget) {
        this.budget = budget;
    }

    @Override
    public void put(char c) {
        if (budget.left > 0) {
            text.append(c);
            budget.left--;
        }
    }

    @Override
    public boolean full() {
        return budget.left <= 0;
    }

    String text() {
        int end = text.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
