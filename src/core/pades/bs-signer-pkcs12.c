/* bs-signer-pkcs12.c — signing hashes with a key from a PKCS#12 file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-signer-pkcs12.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>

/* Sane bound for a key file; real ones are a few kilobytes. */
#define MAX_P12_SIZE (1024 * 1024)

struct _BsSignerPkcs12 {
  GObject parent_instance;

  /* Owned */
  EVP_PKEY        *key;
  X509            *cert;
  STACK_OF (X509) *chain;   /* signer first, then the CA certificates */
};

static void bs_signer_pkcs12_iface_init (BsSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BsSignerPkcs12, bs_signer_pkcs12, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BS_TYPE_SIGNER, bs_signer_pkcs12_iface_init))

static void
bs_signer_pkcs12_finalize (GObject *object)
{
  BsSignerPkcs12 *self = BS_SIGNER_PKCS12 (object);

  EVP_PKEY_free (self->key);
  X509_free (self->cert);
  sk_X509_pop_free (self->chain, X509_free);
  G_OBJECT_CLASS (bs_signer_pkcs12_parent_class)->finalize (object);
}

static void
bs_signer_pkcs12_class_init (BsSignerPkcs12Class *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bs_signer_pkcs12_finalize;
}

static void
bs_signer_pkcs12_init (BsSignerPkcs12 *self)
{
}

static X509 *
get_certificate (BsSigner *signer)
{
  return BS_SIGNER_PKCS12 (signer)->cert;
}

static STACK_OF (X509) *
get_chain (BsSigner *signer)
{
  return BS_SIGNER_PKCS12 (signer)->chain;
}

static GBytes *
sign_one (EVP_PKEY *key, GBytes *hash, GError **error)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, key, NULL);
  gsize hash_len, sig_len = 0;
  const guint8 *md = g_bytes_get_data (hash, &hash_len);
  guint8 *sig = NULL;
  gboolean ok = ctx != NULL && EVP_PKEY_sign_init (ctx) == 1
                && (!EVP_PKEY_is_a (key, "RSA")
                    || EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) == 1)
                && EVP_PKEY_CTX_set_signature_md (ctx, EVP_sha256 ()) == 1
                && EVP_PKEY_sign (ctx, NULL, &sig_len, md, hash_len) == 1;

  if (ok)
    {
      sig = g_malloc (sig_len);
      ok = EVP_PKEY_sign (ctx, sig, &sig_len, md, hash_len) == 1;
    }
  EVP_PKEY_CTX_free (ctx);
  if (!ok)
    {
      g_free (sig);
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Signing with the private key failed"));
      return NULL;
    }
  return g_bytes_new_take (sig, sig_len);
}

static gboolean
sign_hashes (BsSigner *signer, GPtrArray *hashes, GPtrArray **signatures,
             GCancellable *cancellable, GError **error)
{
  BsSignerPkcs12 *self = BS_SIGNER_PKCS12 (signer);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < hashes->len; i++)
    {
      GBytes *sig = sign_one (self->key, g_ptr_array_index (hashes, i), error);
      if (sig == NULL)
        return FALSE;
      g_ptr_array_add (out, sig);
    }
  *signatures = g_steal_pointer (&out);
  return TRUE;
}

static void
bs_signer_pkcs12_iface_init (BsSignerInterface *iface)
{
  iface->get_certificate = get_certificate;
  iface->get_chain = get_chain;
  iface->sign_hashes = sign_hashes;
}

static PKCS12 *
read_pkcs12 (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const unsigned char *p;
  PKCS12 *p12;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot read the certificate file: %s"),
                   local_error->message);
      return NULL;
    }
  p = (const unsigned char *) data;
  p12 = len <= MAX_P12_SIZE ? d2i_PKCS12 (NULL, &p, (long) len) : NULL;
  if (p12 == NULL)
    {
      ERR_clear_error ();
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The certificate file is not a PKCS#12 (.p12/.pfx) file"));
    }
  return p12;
}

static gboolean
parse_pkcs12 (BsSignerPkcs12 *self, PKCS12 *p12, const char *password, GError **error)
{
  STACK_OF (X509) *ca = NULL;

  if (!PKCS12_verify_mac (p12, password, -1))
    {
      ERR_clear_error ();
      g_set_error_literal (error, BS_ERROR, BS_ERROR_BAD_PASSPHRASE,
                           _("Wrong password for the certificate file"));
      return FALSE;
    }
  if (!PKCS12_parse (p12, password, &self->key, &self->cert, &ca))
    {
      bs_set_openssl_error (error, BS_ERROR_CERTIFICATE, _("Cannot open the certificate file"));
      return FALSE;
    }
  self->chain = sk_X509_new_null ();
  if (self->cert != NULL)
    {
      X509_up_ref (self->cert);
      sk_X509_push (self->chain, self->cert);
    }
  while (ca != NULL && sk_X509_num (ca) > 0)
    sk_X509_push (self->chain, sk_X509_shift (ca));
  sk_X509_free (ca);
  return TRUE;
}

static gboolean
check_pair (BsSignerPkcs12 *self, GError **error)
{
  if (self->key == NULL || self->cert == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The certificate file holds no private key and certificate pair"));
      return FALSE;
    }
  if (!X509_check_private_key (self->cert, self->key))
    {
      ERR_clear_error ();
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CERTIFICATE,
                           _("The private key does not belong to the certificate"));
      return FALSE;
    }
  return bs_certificate_check_usable (self->cert, error);
}

BsSigner *
bs_signer_key_new (EVP_PKEY *key, X509 *cert, STACK_OF (X509) *chain, GError **error)
{
  g_autoptr(BsSignerPkcs12) self = g_object_new (BS_TYPE_SIGNER_PKCS12, NULL);

  g_return_val_if_fail (key != NULL && cert != NULL, NULL);

  EVP_PKEY_up_ref (key);
  self->key = key;
  X509_up_ref (cert);
  self->cert = cert;
  self->chain = sk_X509_new_null ();
  X509_up_ref (cert);
  sk_X509_push (self->chain, cert);
  for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++)
    if (X509_cmp (sk_X509_value (chain, i), cert) != 0)
      {
        X509_up_ref (sk_X509_value (chain, i));
        sk_X509_push (self->chain, sk_X509_value (chain, i));
      }
  if (!check_pair (self, error))
    return NULL;
  return BS_SIGNER (g_steal_pointer (&self));
}

BsSigner *
bs_signer_pkcs12_new (const char *path, const BsSecret *password, GError **error)
{
  g_autoptr(BsSignerPkcs12) self = NULL;
  PKCS12 *p12;
  gboolean ok;

  g_return_val_if_fail (path != NULL && password != NULL, NULL);

  p12 = read_pkcs12 (path, error);
  if (p12 == NULL)
    return NULL;
  self = g_object_new (BS_TYPE_SIGNER_PKCS12, NULL);
  ok = parse_pkcs12 (self, p12, bs_secret_get (password), error);
  PKCS12_free (p12);
  if (!ok || !check_pair (self, error))
    return NULL;
  return BS_SIGNER (g_steal_pointer (&self));
}
