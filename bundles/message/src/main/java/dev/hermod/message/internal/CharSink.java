package dev.hermod.message.internal;

/** Receives decoded text one character at a time, up to a bound. */
interface CharSink {

    void put(char c);

    /** Whether more characters would be dropped anyway. */
    boolean full();

    /** Both sinks; full when both are. */
    static CharSink both(CharSink a, CharSink b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new CharSink() {
            @Override
            public void put(char c) {
                if (!a.full()) {
                    a.put(c);
                }
                if (!b.full()) {
                    b.put(c);
                }
            }

            @Override
            public boolean full() {
                return a.full() && b.full();
            }
        };
    }
}
