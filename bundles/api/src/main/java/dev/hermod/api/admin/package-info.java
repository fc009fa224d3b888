/**
 * Administration views of the running platform, implemented by the core and read by the shell, the
 * command line and the web admin.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
