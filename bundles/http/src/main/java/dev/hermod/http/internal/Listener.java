package dev.hermod.http.internal;

import java.util.concurrent.Executor;

/**
 * What every connection of one listener shares.
 *
 * @param name the listener's name, matched against handlers' {@code hermod.http.listener}
 * @param secure whether connections are TLS
 * @param defaultMaxBody the body limit for handlers without their own
 * @param maxBody the body limit no handler may exceed
 * @param routes the handlers
 * @param executor where handlers run, off the event loop
 */
record Listener(String name, boolean secure, long defaultMaxBody, long maxBody, Routes routes, Executor executor) {
}
