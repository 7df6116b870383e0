/**
 * Other Telegram client libraries' sessions: Telethon, Pyrogram and GramJS session strings and
 * Telethon and Pyrogram {@code .session} files, read into an
 * {@link io.mtgo.storage.interop.ImportedSession} and written back.
 */
@NullMarked
package io.mtgo.storage.interop;

import org.jspecify.annotations.NullMarked;
