package dev.hermod.dkim.internal;

import java.util.Locale;

/** The results of an SPF check (RFC 7208 §2.6), as written in {@code Authentication-Results} (RFC 8601 §2.7.2). */
enum SpfResult {
    /** The client is authorized. */
    PASS,
    /** The client is explicitly not authorized ({@code -all}). */
    FAIL,
    /** The client is probably not authorized ({@code ~all}). */
    SOFTFAIL,
    /** The domain makes no assertion ({@code ?all}, or no mechanism matched). */
    NEUTRAL,
    /** No SPF record, or no domain to check. */
    NONE,
    /** A DNS error that may go away on a retry. */
    TEMPERROR,
    /** The record is broken or exceeds the processing limits. */
    PERMERROR;

    /** @return the result's name in {@code Authentication-Results}, e.g. {@code softfail} */
    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
