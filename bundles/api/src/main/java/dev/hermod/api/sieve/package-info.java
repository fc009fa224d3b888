/**
 * Users' Sieve scripts (RFC 5228), as ManageSieve (RFC 5804), the shell and delivery see them: each account
 * keeps named scripts, at most one of them active; the active one runs when mail is delivered to the account.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.sieve;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
