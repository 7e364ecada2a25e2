/* bs-verify-attributes.c — DER of the signed attributes, and the ESS
 * signing-certificate match.
 *
 * Why not OpenSSL's own: CMS_SignerInfo_verify() re-encodes the signed
 * attributes in the order received and keeps every SEQUENCE-valued
 * attribute as received, so it accepts signatures over unsorted SETs and
 * non-minimal lengths that RFC 5652 5.4 (DER) and EU DSS reject; and
 * OSSL_ESS_check_signing_certs() wants every ESSCertID of the attribute
 * (the whole chain some signers list) to be in the chain it is given, in
 * the same order, where RFC 5035 5.4 only binds the first one to the
 * signer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-attributes.h"

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <string.h>

#define MAX_DEPTH 64

/* ---- DER ------------------------------------------------------------------ */

static void
append_header (GByteArray *out, gboolean constructed, int length, int tag, int xclass)
{
  unsigned char header[16];
  unsigned char *p = header;

  ASN1_put_object (&p, constructed, length, tag, xclass);
  g_byte_array_append (out, header, (guint) (p - header));
}

static int
compare_encodings (gconstpointer a, gconstpointer b)
{
  const GByteArray *x = *(GByteArray * const *) a;
  const GByteArray *y = *(GByteArray * const *) b;
  int c = memcmp (x->data, y->data, MIN (x->len, y->len));

  return c != 0 ? c : (int) x->len - (int) y->len;
}

static gboolean normalize (const unsigned char **p, long max, GByteArray *out, int depth);

/* The children of a constructed value: up to @len bytes, or up to the
 * end-of-contents octets of an indefinite length. */
static GPtrArray *
normalize_children (const unsigned char **p, long max, long len, gboolean indefinite, int depth)
{
  GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  const unsigned char *end = *p + (indefinite ? max : len);

  while (*p < end)
    {
      GByteArray *child;

      if (indefinite && end - *p >= 2 && (*p)[0] == 0 && (*p)[1] == 0)
        {
          *p += 2;
          return children;
        }
      child = g_byte_array_new ();
      g_ptr_array_add (children, child);
      if (!normalize (p, end - *p, child, depth + 1))
        break;
    }
  if (*p == end && !indefinite)
    return children;
  g_ptr_array_unref (children);
  return NULL;
}

/* Re-encodes one TLV in DER: minimal definite lengths and sorted SET OFs
 * (X.690 10.1, 11.6), recursively. */
static gboolean
normalize (const unsigned char **p, long max, GByteArray *out, int depth)
{
  long len = 0;
  int tag = 0, xclass = 0;
  int ret = depth < MAX_DEPTH ? ASN1_get_object (p, &len, &tag, &xclass, max) : 0x80;
  g_autoptr(GPtrArray) children = NULL;
  guint total = 0;

  if (ret & 0x80)
    return FALSE;
  if (!(ret & V_ASN1_CONSTRUCTED))
    {
      append_header (out, FALSE, (int) len, tag, xclass);
      g_byte_array_append (out, *p, (guint) len);
      *p += len;
      return TRUE;
    }
  children = normalize_children (p, max, len, (ret & 1) != 0, depth);
  if (children == NULL)
    return FALSE;
  if (xclass == V_ASN1_UNIVERSAL && tag == V_ASN1_SET)
    g_ptr_array_sort (children, compare_encodings);
  for (guint i = 0; i < children->len; i++)
    total += ((GByteArray *) g_ptr_array_index (children, i))->len;
  append_header (out, TRUE, (int) total, tag, xclass);
  for (guint i = 0; i < children->len; i++)
    {
      GByteArray *child = g_ptr_array_index (children, i);
      g_byte_array_append (out, child->data, child->len);
    }
  return TRUE;
}

static GBytes *
as_set (GPtrArray *encodings)
{
  GByteArray *out = g_byte_array_new ();
  guint total = 0;

  for (guint i = 0; i < encodings->len; i++)
    total += ((GByteArray *) g_ptr_array_index (encodings, i))->len;
  append_header (out, TRUE, (int) total, V_ASN1_SET, V_ASN1_UNIVERSAL);
  for (guint i = 0; i < encodings->len; i++)
    {
      GByteArray *e = g_ptr_array_index (encodings, i);
      g_byte_array_append (out, e->data, e->len);
    }
  return g_byte_array_free_to_bytes (out);
}

static GByteArray *
attribute_encoding (X509_ATTRIBUTE *attr, gboolean der)
{
  unsigned char *enc = NULL;
  int len = i2d_X509_ATTRIBUTE (attr, &enc);
  GByteArray *out = g_byte_array_new ();
  const unsigned char *p = enc;

  if (len <= 0 || (der && (!normalize (&p, len, out, 0) || p != enc + len)))
    g_clear_pointer (&out, g_byte_array_unref);
  else if (!der)
    g_byte_array_append (out, enc, (guint) len);
  OPENSSL_free (enc);
  return out;
}

static GBytes *
signed_attributes (CMS_SignerInfo *si, gboolean der)
{
  int n = CMS_signed_get_attr_count (si);
  g_autoptr(GPtrArray) encodings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);

  if (n <= 0)
    return NULL;
  for (int i = 0; i < n; i++)
    {
      GByteArray *e = attribute_encoding (CMS_signed_get_attr (si, i), der);
      if (e == NULL)
        return NULL;
      g_ptr_array_add (encodings, e);
    }
  if (der)
    g_ptr_array_sort (encodings, compare_encodings);
  return as_set (encodings);
}

GBytes *
bs_signed_attributes_received (CMS_SignerInfo *si)
{
  return signed_attributes (si, FALSE);
}

GBytes *
bs_signed_attributes_der (CMS_SignerInfo *si)
{
  return signed_attributes (si, TRUE);
}

/* ---- ESS signing-certificate ---------------------------------------------- */

/* RFC 2634 5.4 / RFC 5035 4, read field by field (OpenSSL 3.0's ESS
 * types are opaque). */
typedef struct {
  GENERAL_NAMES *issuer;
  ASN1_INTEGER  *serial;
} BS_ISSUER_SERIAL;

typedef struct {
  X509_ALGOR        *hash_alg;       /* v2 only; absent means SHA-256 */
  ASN1_OCTET_STRING *hash;
  BS_ISSUER_SERIAL  *issuer_serial;
} BS_CERT_ID;

typedef struct {
  STACK_OF (BS_CERT_ID) *certs;
  STACK_OF (ASN1_TYPE)  *policies;
} BS_SIGNING_CERT;

DEFINE_STACK_OF (BS_CERT_ID)

DECLARE_ASN1_FUNCTIONS (BS_ISSUER_SERIAL)
ASN1_SEQUENCE (BS_ISSUER_SERIAL) = {
  ASN1_SEQUENCE_OF (BS_ISSUER_SERIAL, issuer, GENERAL_NAME),
  ASN1_SIMPLE (BS_ISSUER_SERIAL, serial, ASN1_INTEGER),
} ASN1_SEQUENCE_END (BS_ISSUER_SERIAL)
IMPLEMENT_ASN1_FUNCTIONS (BS_ISSUER_SERIAL)

DECLARE_ASN1_FUNCTIONS (BS_CERT_ID)
ASN1_SEQUENCE (BS_CERT_ID) = {
  ASN1_SIMPLE (BS_CERT_ID, hash, ASN1_OCTET_STRING),
  ASN1_OPT (BS_CERT_ID, issuer_serial, BS_ISSUER_SERIAL),
} ASN1_SEQUENCE_END (BS_CERT_ID)
IMPLEMENT_ASN1_FUNCTIONS (BS_CERT_ID)

typedef BS_CERT_ID BS_CERT_ID_V2;
DECLARE_ASN1_FUNCTIONS (BS_CERT_ID_V2)
ASN1_SEQUENCE (BS_CERT_ID_V2) = {
  ASN1_OPT (BS_CERT_ID_V2, hash_alg, X509_ALGOR),
  ASN1_SIMPLE (BS_CERT_ID_V2, hash, ASN1_OCTET_STRING),
  ASN1_OPT (BS_CERT_ID_V2, issuer_serial, BS_ISSUER_SERIAL),
} ASN1_SEQUENCE_END (BS_CERT_ID_V2)
IMPLEMENT_ASN1_FUNCTIONS (BS_CERT_ID_V2)

DECLARE_ASN1_FUNCTIONS (BS_SIGNING_CERT)
ASN1_SEQUENCE (BS_SIGNING_CERT) = {
  ASN1_SEQUENCE_OF (BS_SIGNING_CERT, certs, BS_CERT_ID),
  ASN1_SEQUENCE_OF_OPT (BS_SIGNING_CERT, policies, ASN1_ANY),
} ASN1_SEQUENCE_END (BS_SIGNING_CERT)
IMPLEMENT_ASN1_FUNCTIONS (BS_SIGNING_CERT)

typedef BS_SIGNING_CERT BS_SIGNING_CERT_V2;
DECLARE_ASN1_FUNCTIONS (BS_SIGNING_CERT_V2)
ASN1_SEQUENCE (BS_SIGNING_CERT_V2) = {
  ASN1_SEQUENCE_OF (BS_SIGNING_CERT_V2, certs, BS_CERT_ID_V2),
  ASN1_SEQUENCE_OF_OPT (BS_SIGNING_CERT_V2, policies, ASN1_ANY),
} ASN1_SEQUENCE_END (BS_SIGNING_CERT_V2)
IMPLEMENT_ASN1_FUNCTIONS (BS_SIGNING_CERT_V2)

static gboolean
issuer_serial_names (const BS_ISSUER_SERIAL *is, X509 *cert)
{
  if (ASN1_INTEGER_cmp (is->serial, X509_get0_serialNumber (cert)) != 0)
    return FALSE;
  for (int i = 0; i < sk_GENERAL_NAME_num (is->issuer); i++)
    {
      const GENERAL_NAME *gn = sk_GENERAL_NAME_value (is->issuer, i);
      if (gn->type == GEN_DIRNAME && X509_NAME_cmp (gn->d.directoryName, X509_get_issuer_name (cert)) == 0)
        return TRUE;
    }
  return FALSE;
}

static BsEssMatch
cert_id_matches (const BS_CERT_ID *id, const EVP_MD *md, X509 *cert)
{
  unsigned char *der = NULL;
  int len = i2d_X509 (cert, &der);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int dlen = 0;
  gboolean ok;

  if (md == NULL || len <= 0 || !EVP_Digest (der, (size_t) len, digest, &dlen, md, NULL))
    {
      OPENSSL_free (der);
      return BS_ESS_MALFORMED;
    }
  OPENSSL_free (der);
  ok = (unsigned int) ASN1_STRING_length (id->hash) == dlen
       && memcmp (ASN1_STRING_get0_data (id->hash), digest, dlen) == 0
       && (id->issuer_serial == NULL || issuer_serial_names (id->issuer_serial, cert));
  return ok ? BS_ESS_MATCH : BS_ESS_MISMATCH;
}

static const EVP_MD *
cert_id_digest (const BS_CERT_ID *id, gboolean v2)
{
  const ASN1_OBJECT *oid = NULL;

  if (!v2)
    return EVP_sha1 ();
  if (id->hash_alg == NULL)
    return EVP_sha256 ();
  X509_ALGOR_get0 (&oid, NULL, NULL, id->hash_alg);
  return EVP_get_digestbyobj (oid);
}

static BsEssMatch
match_attribute (CMS_SignerInfo *si, int nid, gboolean v2, X509 *cert)
{
  int loc = CMS_signed_get_attr_by_NID (si, nid, -1);
  X509_ATTRIBUTE *attr = loc >= 0 ? CMS_signed_get_attr (si, loc) : NULL;
  ASN1_TYPE *value = attr && X509_ATTRIBUTE_count (attr) == 1 ? X509_ATTRIBUTE_get0_type (attr, 0) : NULL;
  const unsigned char *p;
  BS_SIGNING_CERT *sc = NULL;
  BsEssMatch match = BS_ESS_MALFORMED;

  if (attr == NULL)
    return BS_ESS_ABSENT;
  if (value != NULL && value->type == V_ASN1_SEQUENCE)
    {
      p = ASN1_STRING_get0_data (value->value.sequence);
      sc = v2 ? d2i_BS_SIGNING_CERT_V2 (NULL, &p, ASN1_STRING_length (value->value.sequence))
              : d2i_BS_SIGNING_CERT (NULL, &p, ASN1_STRING_length (value->value.sequence));
    }
  if (sc != NULL && sk_BS_CERT_ID_num (sc->certs) > 0)
    {
      const BS_CERT_ID *first = sk_BS_CERT_ID_value (sc->certs, 0);
      match = cert_id_matches (first, cert_id_digest (first, v2), cert);
    }
  if (v2)
    BS_SIGNING_CERT_V2_free (sc);
  else
    BS_SIGNING_CERT_free (sc);
  ERR_clear_error ();
  return match;
}

BsEssMatch
bs_ess_match_signer (CMS_SignerInfo *si, X509 *cert)
{
  BsEssMatch v2 = match_attribute (si, NID_id_smime_aa_signingCertificateV2, TRUE, cert);
  BsEssMatch v1 = match_attribute (si, NID_id_smime_aa_signingCertificate, FALSE, cert);

  /* Both may be present (RFC 5035 5: v1 for older verifiers): each must
   * hold. The worse answer wins: malformed, then mismatch. */
  if (v1 == BS_ESS_MALFORMED || v2 == BS_ESS_MALFORMED)
    return BS_ESS_MALFORMED;
  if (v1 == BS_ESS_MISMATCH || v2 == BS_ESS_MISMATCH)
    return BS_ESS_MISMATCH;
  return v1 == BS_ESS_MATCH || v2 == BS_ESS_MATCH ? BS_ESS_MATCH : BS_ESS_ABSENT;
}
