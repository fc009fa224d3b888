/** The store-sqlite provider's implementation; nothing is exported. */
package dev.hermod.store.sqlite.internal;
