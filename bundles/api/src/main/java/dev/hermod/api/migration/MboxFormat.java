package dev.hermod.api.migration;

/** How lines beginning with {@code From } inside messages are quoted in an mbox file. */
public enum MboxFormat {
    /** mboxrd: every {@code >*From } line got one more {@code >}; import removes one. */
    MBOXRD,
    /** mboxo: only {@code From } lines got a {@code >}; import removes it from {@code >From } only. */
    MBOXO
}
