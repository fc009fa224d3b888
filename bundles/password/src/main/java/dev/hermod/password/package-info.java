/**
 * Password storage schemes: {@link dev.hermod.password.Passwords#verify} checks a presented password
 * against a stored value written by OpenLDAP, Dovecot, crypt(3), passlib or Hermod itself, in constant
 * time and without ever throwing; {@link dev.hermod.password.Passwords#hash} writes new values for admin
 * tools; {@link dev.hermod.password.Passwords#cleartext} gives the clear secret that CRAM-MD5 needs.
 *
 * <p>A library, not a service: directory providers and the core's authenticator call it directly. It
 * needs Bouncy Castle's provider bundle ({@code org.bouncycastle.crypto.generators}, 1.80 or later) for
 * bcrypt and Argon2; everything else is the JDK's.
 */
@Export
@Version("1.0.0")
package dev.hermod.password;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
