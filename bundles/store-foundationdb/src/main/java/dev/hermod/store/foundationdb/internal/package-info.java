/** The store-foundationdb provider's implementation; nothing is exported. */
package dev.hermod.store.foundationdb.internal;
