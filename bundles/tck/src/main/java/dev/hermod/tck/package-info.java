/** Contract tests for the Hermod SPIs. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.hermod.tck;
