/**
 * Users' Sieve scripts in the metadata store ({@link dev.hermod.api.sieve.SieveScripts}). Keys, under the
 * prefix {@code 21} (the mail store keeps {@code 01}–{@code 1F}, the outbound queue {@code 20}):
 * {@code 21 <account UTF-8> 00 01 <script name UTF-8>} → the script's text, and
 * {@code 21 <account UTF-8> 00 02} → the active script's name. Principal names never contain NUL, so the
 * separator keeps one account's keys from running into another's.
 */
package dev.hermod.core.internal.sieve;
