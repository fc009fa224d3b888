/**
 * The schemes behind {@link dev.hermod.password.Passwords}. Not exported.
 *
 * <p>{@link dev.hermod.password.internal.Parser} turns a stored value into a
 * {@link dev.hermod.password.internal.StoredValue}: it decodes and checks the layout and the limits
 * ({@link dev.hermod.password.internal.Limits}) without hashing anything, then the value's check hashes the
 * presented password and compares with {@link java.security.MessageDigest#isEqual}. One small class per
 * family: {@code Plain}, {@code Digests} (RFC 2307 and pw-sha2), {@code Md5Crypt} and {@code ShaCrypt}
 * (written from Poul-Henning Kamp's and Ulrich Drepper's descriptions), {@code Bcrypt} and {@code Argon2}
 * (Bouncy Castle's generators), {@code Pbkdf2} (the JDK's). {@link dev.hermod.password.internal.Hasher}
 * writes new values.
 */
package dev.hermod.password.internal;
