/* bs-cms-builder.c — signed attributes out, signature value in.
 *
 * OpenSSL's CMS code signs with a private key it holds. To sign with a
 * key held elsewhere, the SignerInfo is created with the certificate's
 * public key and CMS_PARTIAL (nothing is signed yet), the signed
 * attributes are encoded here with OpenSSL's own DER encoder, and the
 * signature value is put into the SignerInfo afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-cms-builder.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <openssl/asn1t.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

/* RFC 5652 5.4: the signature covers the DER of the attributes as an
 * explicit SET OF. SET_ORDER sorts the members as DER requires, in the same
 * order OpenSSL uses when it writes the SignerInfo. */
typedef STACK_OF (X509_ATTRIBUTE) BS_SIGNED_ATTRS;
DECLARE_ASN1_ITEM (BS_SIGNED_ATTRS)
ASN1_ITEM_TEMPLATE (BS_SIGNED_ATTRS) =
  ASN1_EX_TEMPLATE_TYPE (ASN1_TFLG_SET_ORDER, 0, BsSignedAttrs, X509_ATTRIBUTE)
ASN1_ITEM_TEMPLATE_END (BS_SIGNED_ATTRS)

struct _BsCmsBuilder {
  CMS_ContentInfo *cms;
  CMS_SignerInfo  *si;       /* borrowed from cms */
  EVP_PKEY        *pubkey;   /* borrowed from the signer certificate */
  GBytes          *signed_der;
  GBytes          *signature;
};

static gboolean
add_content_attributes (CMS_SignerInfo *si, const guint8 digest[32])
{
  /* content-type id-data and message-digest (RFC 5652 11.1, 11.2); no
   * signing-time: PAdES baseline takes the time from /M (EN 319 142-1). */
  return CMS_signed_add1_attr_by_NID (si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                      OBJ_nid2obj (NID_pkcs7_data), -1) > 0
         && CMS_signed_add1_attr_by_NID (si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                         digest, 32) > 0;
}

static GBytes *
encode_signed_attributes (CMS_SignerInfo *si)
{
  BS_SIGNED_ATTRS *attrs = sk_X509_ATTRIBUTE_new_null ();
  unsigned char *der = NULL;
  int len;
  GBytes *out = NULL;

  for (int i = 0; i < CMS_signed_get_attr_count (si); i++)
    sk_X509_ATTRIBUTE_push (attrs, CMS_signed_get_attr (si, i));
  len = ASN1_item_i2d ((ASN1_VALUE *) attrs, &der, ASN1_ITEM_rptr (BS_SIGNED_ATTRS));
  if (len > 0)
    out = g_bytes_new (der, (gsize) len);
  OPENSSL_free (der);
  sk_X509_ATTRIBUTE_free (attrs);   /* the members belong to @si */
  return out;
}

static gboolean
add_chain (CMS_ContentInfo *cms, X509 *signer, STACK_OF (X509) *chain)
{
  for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++)
    {
      X509 *cert = sk_X509_value (chain, i);
      if (X509_cmp (cert, signer) != 0 && !CMS_add1_cert (cms, cert))
        return FALSE;
    }
  return TRUE;
}

BsCmsBuilder *
bs_cms_builder_new (X509 *signer, STACK_OF (X509) *chain, const guint8 digest[32], GError **error)
{
  g_autoptr(BsCmsBuilder) b = g_new0 (BsCmsBuilder, 1);
  const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;

  b->pubkey = X509_get0_pubkey (signer);
  b->cms = CMS_sign (NULL, NULL, NULL, NULL, flags);
  if (b->pubkey == NULL || b->cms == NULL)
    {
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot create the CMS signature"));
      return NULL;
    }
  b->si = CMS_add1_signer (b->cms, signer, b->pubkey, EVP_sha256 (), flags);
  if (b->si == NULL || !add_content_attributes (b->si, digest) || !add_chain (b->cms, signer, chain))
    {
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot create the CMS signer information"));
      return NULL;
    }
  b->signed_der = encode_signed_attributes (b->si);
  if (b->signed_der == NULL)
    {
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot encode the signed attributes"));
      return NULL;
    }
  return g_steal_pointer (&b);
}

void
bs_cms_builder_free (BsCmsBuilder *b)
{
  if (b == NULL)
    return;
  CMS_ContentInfo_free (b->cms);
  g_clear_pointer (&b->signed_der, g_bytes_unref);
  g_clear_pointer (&b->signature, g_bytes_unref);
  g_free (b);
}

GBytes *
bs_cms_builder_dup_hash_to_sign (BsCmsBuilder *b)
{
  guint8 md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  gsize len;
  const void *data = g_bytes_get_data (b->signed_der, &len);

  EVP_Digest (data, len, md, &md_len, EVP_sha256 (), NULL);
  return g_bytes_new (md, md_len);
}

/* A signer that returns garbage (a remote service that lies, a wrong key in
 * a token) must not produce a document that looks signed. */
static gboolean
signature_matches_key (BsCmsBuilder *b, GBytes *signature)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  gsize data_len, sig_len;
  const guint8 *data = g_bytes_get_data (b->signed_der, &data_len);
  const guint8 *sig = g_bytes_get_data (signature, &sig_len);
  int ok = ctx != NULL
           && EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, b->pubkey) == 1
           && EVP_DigestVerify (ctx, sig, sig_len, data, data_len) == 1;

  EVP_MD_CTX_free (ctx);
  return ok;
}

gboolean
bs_cms_builder_set_signature (BsCmsBuilder *b, GBytes *signature, GError **error)
{
  ASN1_OCTET_STRING *value = CMS_SignerInfo_get0_signature (b->si);
  gsize len;
  const guint8 *data = g_bytes_get_data (signature, &len);

  if (!signature_matches_key (b, signature))
    {
      ERR_clear_error ();
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CRYPTO,
                           _("The signature returned by the signer does not match its certificate"));
      return FALSE;
    }
  if (!ASN1_STRING_set (value, data, (int) len))
    {
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot store the signature value"));
      return FALSE;
    }
  g_clear_pointer (&b->signature, g_bytes_unref);
  b->signature = g_bytes_ref (signature);
  return TRUE;
}

GBytes *
bs_cms_builder_get_signature (BsCmsBuilder *b)
{
  return b->signature;
}

gboolean
bs_cms_builder_add_unsigned (BsCmsBuilder *b, int nid, GBytes *der_value, GError **error)
{
  gsize len;
  const unsigned char *p = g_bytes_get_data (der_value, &len);
  ASN1_TYPE *value = d2i_ASN1_TYPE (NULL, &p, (long) len);
  gboolean ok = value != NULL
                && CMS_unsigned_add1_attr_by_NID (b->si, nid, value->type,
                                                  value->type == V_ASN1_SEQUENCE
                                                  ? (void *) value->value.sequence
                                                  : (void *) value->value.ptr, -1) > 0;

  ASN1_TYPE_free (value);
  if (!ok)
    bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot add an unsigned attribute"));
  return ok;
}

GBytes *
bs_cms_builder_finish (BsCmsBuilder *b, GError **error)
{
  unsigned char *der = NULL;
  int len;
  GBytes *out;

  if (b->signature == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_CRYPTO, _("The CMS signature has no signature value"));
      return NULL;
    }
  len = i2d_CMS_ContentInfo (b->cms, &der);
  if (len <= 0)
    {
      bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot encode the CMS signature"));
      return NULL;
    }
  out = g_bytes_new (der, (gsize) len);
  OPENSSL_free (der);
  return out;
}
