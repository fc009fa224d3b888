/** The blob-fs provider's implementation; nothing is exported. */
package dev.hermod.blob.fs.internal;
