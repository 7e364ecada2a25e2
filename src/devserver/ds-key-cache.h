/* ds-key-cache.h — users' keys kept unlocked in memory for a few minutes.
 *
 * Opening a key stored under scrypt costs about 50 ms, which would make the
 * server sign far slower than the HSM-backed real service. After a
 * successful opening, the key stays in this process's memory (never on
 * disk) with a salted hash of the passphrase that opened it; a request with
 * the same passphrase within the lifetime reuses it. Any change of a
 * user's key or passphrase forgets the entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

typedef struct _DsKeyCache DsKeyCache;

DsKeyCache *ds_key_cache_new    (void);
void        ds_key_cache_free   (DsKeyCache *cache);
/* The key @passphrase opened for @user_id recently (transfer full), or NULL. */
EVP_PKEY   *ds_key_cache_lookup (DsKeyCache *cache, const char *user_id, const char *passphrase);
/* Remembers that @passphrase opened @key for @user_id. */
void        ds_key_cache_store  (DsKeyCache *cache, const char *user_id, const char *passphrase, EVP_PKEY *key);
void        ds_key_cache_forget (DsKeyCache *cache, const char *user_id);

G_END_DECLS
