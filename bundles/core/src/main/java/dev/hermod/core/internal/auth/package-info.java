/**
 * The Authenticator: SASL PLAIN (RFC 4616), LOGIN (draft-murchison-sasl-login) and CRAM-MD5 (RFC 2195)
 * over the directory in use, and a limiter of failed attempts per client address and per account.
 */
package dev.hermod.core.internal.auth;
