/**
 * Local delivery ({@link dev.hermod.api.delivery.Delivery}): recipients resolve through the directory in use
 * at every call (no cache); each account the recipients reach gets one copy in its INBOX, with
 * {@code Return-Path}, {@code Delivered-To} and the protocol's {@code Received} prepended. A message for one
 * account streams straight into the mail store; for several it is spooled once to a temporary file
 * (config {@code delivery.spool.directory}) and read back per account. Only active individual principals
 * receive mail; groups have no mailbox yet. An account that keeps an encryption key gets its copy encrypted
 * first ({@link dev.hermod.core.internal.crypto.AtRestEncryption}).
 */
package dev.hermod.core.internal.delivery;
