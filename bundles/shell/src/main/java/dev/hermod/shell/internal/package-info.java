/**
 * Karaf shell commands in the scope {@code hermod}. Each command is a tiny action over a service of the
 * core; the text it prints is built by a separate formatter so it can be tested without a shell.
 */
package dev.hermod.shell.internal;
