/* ds-key-cache.c — see ds-key-cache.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-key-cache.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <string.h>

#define LIFETIME_US (5 * 60 * G_USEC_PER_SEC)

struct _DsKeyCache {
  GHashTable *entries;  /* user id → Entry */
};

typedef struct {
  EVP_PKEY *key;
  guint8    salt[16];
  guint8    proof[32];  /* SHA-256 (salt || passphrase) */
  gint64    expires;    /* monotonic */
} Entry;

static void
entry_free (Entry *e)
{
  EVP_PKEY_free (e->key);
  OPENSSL_cleanse (e, sizeof *e);
  g_free (e);
}

static void
proof_of (const guint8 *salt, const char *passphrase, guint8 out[32])
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned int len = 32;

  EVP_DigestInit_ex (ctx, EVP_sha256 (), NULL);
  EVP_DigestUpdate (ctx, salt, 16);
  EVP_DigestUpdate (ctx, passphrase, strlen (passphrase));
  EVP_DigestFinal_ex (ctx, out, &len);
  EVP_MD_CTX_free (ctx);
}

DsKeyCache *
ds_key_cache_new (void)
{
  DsKeyCache *cache = g_new0 (DsKeyCache, 1);

  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  return cache;
}

void
ds_key_cache_free (DsKeyCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_destroy (cache->entries);
  g_free (cache);
}

EVP_PKEY *
ds_key_cache_lookup (DsKeyCache *cache, const char *user_id, const char *passphrase)
{
  Entry *e = g_hash_table_lookup (cache->entries, user_id);
  guint8 proof[32];
  gboolean match;

  if (e == NULL)
    return NULL;
  if (g_get_monotonic_time () > e->expires)
    {
      g_hash_table_remove (cache->entries, user_id);
      return NULL;
    }
  proof_of (e->salt, passphrase, proof);
  match = CRYPTO_memcmp (proof, e->proof, sizeof proof) == 0;
  OPENSSL_cleanse (proof, sizeof proof);
  if (!match)
    return NULL;
  EVP_PKEY_up_ref (e->key);
  return e->key;
}

void
ds_key_cache_store (DsKeyCache *cache, const char *user_id, const char *passphrase, EVP_PKEY *key)
{
  Entry *e = g_new0 (Entry, 1);

  RAND_bytes (e->salt, sizeof e->salt);
  proof_of (e->salt, passphrase, e->proof);
  EVP_PKEY_up_ref (key);
  e->key = key;
  e->expires = g_get_monotonic_time () + LIFETIME_US;
  g_hash_table_replace (cache->entries, g_strdup (user_id), e);
}

void
ds_key_cache_forget (DsKeyCache *cache, const char *user_id)
{
  g_hash_table_remove (cache->entries, user_id);
}
