/** The blob-s3 provider's implementation; nothing is exported. */
package dev.hermod.blob.s3.internal;
