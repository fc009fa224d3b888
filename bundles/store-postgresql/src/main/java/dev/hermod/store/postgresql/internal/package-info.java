/** The store-postgresql provider's implementation; nothing is exported. */
package dev.hermod.store.postgresql.internal;
