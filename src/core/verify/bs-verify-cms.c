/* bs-verify-cms.c — shape, algorithms and signature value of a SignerInfo.
 *
 * The signature value is checked with ASN1_item_verify() over bytes we
 * chose (the DER of the signed attributes), so that one path covers RSA,
 * RSA-PSS, ECDSA, DSA and EdDSA — OpenSSL 3.0's CMS code cannot verify
 * Ed25519/Ed448 — and the algorithm parameters stay OpenSSL's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-cms.h"
#include "bs-byte-range.h"
#include "bs-verify-attributes.h"
#include "bs-verify-crypto-private.h"

#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <string.h>

/* BSI TR-03111 5.2.1: ecdsa-plain-signatures, r||s (used by German and
 * other European smart cards). */
#define PLAIN_ECDSA_ARC "0.4.0.127.0.7.1.1.4.1."
/* RFC 8702 / RFC 8419 2.3: SHAKE256 with its output length in bits. */
#define SHAKE256_LEN_OID "2.16.840.1.101.3.4.2.18"

static void
oid_text (const X509_ALGOR *alg, char *buf, int size)
{
  const ASN1_OBJECT *oid = NULL;

  X509_ALGOR_get0 (&oid, NULL, NULL, alg);
  if (oid == NULL || OBJ_obj2txt (buf, size, oid, 0) <= 0)
    g_strlcpy (buf, "?", (gsize) size);
}

static int
algor_nid (const X509_ALGOR *alg)
{
  const ASN1_OBJECT *oid = NULL;

  X509_ALGOR_get0 (&oid, NULL, NULL, alg);
  return OBJ_obj2nid (oid);
}

/* ---- shape ---------------------------------------------------------------- */

static gboolean
econtent_is_document_digest (BsSignatureReport *r, const BsCmsContent *content, GCancellable *cancellable)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  guint len = 0;

  if (!bs_byte_range_digest (content->fd, content->byte_range, EVP_sha1 (), digest, &len, cancellable, NULL))
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signed bytes cannot be read"));
      return FALSE;
    }
  if (g_bytes_get_size (content->econtent) != len
      || CRYPTO_memcmp (g_bytes_get_data (content->econtent, NULL), digest, len) != 0)
    {
      bs_report_broken (r, "HASH_FAILURE", _("The document was changed: its SHA-1 digest does not match the one the signature signs"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bs_cms_check_shape (BsSignatureReport *r, CMS_ContentInfo *cms, BsCmsContent *content, GCancellable *cancellable)
{
  ASN1_OCTET_STRING **econtent = OBJ_obj2nid (CMS_get0_type (cms)) == NID_pkcs7_signed ? CMS_get0_content (cms) : NULL;
  gboolean sha1_digest = g_strcmp0 (r->field->sub_filter, "/adbe.pkcs7.sha1") == 0;

  if (econtent == NULL || sk_CMS_SignerInfo_num (CMS_get0_SignerInfos (cms)) < 1)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signature is not a CMS SignedData with a signer"));
      return FALSE;
    }
  /* ISO 32000-1 12.8.3.3.1: adbe.pkcs7.sha1 signs the document's SHA-1
   * digest as encapsulated content; the detached kinds (and ETSI EN 319
   * 142-1 5.2.1) carry none, not even an empty one. */
  if (sha1_digest && *econtent == NULL)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("An adbe.pkcs7.sha1 signature must carry the document's digest, and this one does not"));
      return FALSE;
    }
  if (!sha1_digest && *econtent != NULL)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("A detached signature must not carry signed content of its own (eContent), and this one does"));
      return FALSE;
    }
  if (sha1_digest)
    {
      content->econtent = g_bytes_new (ASN1_STRING_get0_data (*econtent), (gsize) ASN1_STRING_length (*econtent));
      return econtent_is_document_digest (r, content, cancellable);
    }
  return TRUE;
}

/* ---- algorithms ----------------------------------------------------------- */

static int
plain_ecdsa_digest (const X509_ALGOR *sig)
{
  static const int digests[] = {
    [1] = NID_sha1, [2] = NID_sha224, [3] = NID_sha256, [4] = NID_sha384, [5] = NID_sha512,
    [6] = NID_ripemd160, [8] = NID_sha3_224, [9] = NID_sha3_256, [10] = NID_sha3_384, [11] = NID_sha3_512,
  };
  char buf[80];
  guint64 arc;

  oid_text (sig, buf, sizeof buf);
  if (!g_str_has_prefix (buf, PLAIN_ECDSA_ARC) || !g_ascii_string_to_unsigned (buf + strlen (PLAIN_ECDSA_ARC),
                                                                               10, 1, 11, &arc, NULL))
    return NID_undef;
  return digests[arc] ? digests[arc] : NID_undef;
}

/* digestAlgorithm: a digest, not a signature algorithm (some signers put
 * sha256WithRSAEncryption there; OpenSSL maps it to SHA-256 anyway). */
static gboolean
resolve_digest (BsSignatureReport *r, X509_ALGOR *dig, BsCmsSigner *s)
{
  char name[80];
  int nid = algor_nid (dig);
  const ASN1_OBJECT *oid = NULL;
  const void *param = NULL;
  int ptype = V_ASN1_UNDEF;
  g_autofree char *text = NULL;

  oid_text (dig, name, sizeof name);
  X509_ALGOR_get0 (&oid, &ptype, &param, dig);
  if (nid != NID_undef && OBJ_find_sigid_algs (nid, NULL, NULL))
    {
      text = g_strdup_printf (_("The signer's digest algorithm field holds a signature algorithm (%s), not a digest"), name);
      bs_report_broken (r, "FORMAT_FAILURE", text);
      return FALSE;
    }
  if (g_str_equal (name, SHAKE256_LEN_OID) && ptype == V_ASN1_INTEGER)
    {
      s->md = EVP_shake256 ();
      s->md_len = (gsize) MAX (ASN1_INTEGER_get (param), 0) / 8;
    }
  else
    {
      s->md = EVP_get_digestbyobj (oid);
      s->md_len = s->md ? (gsize) MAX (EVP_MD_get_size (s->md), 0) : 0;
    }
  if (s->md == NULL || s->md_len == 0 || s->md_len > EVP_MAX_MD_SIZE)
    {
      text = g_strdup_printf (_("The signature uses a digest algorithm this verifier does not support (%s)"), name);
      bs_report_unknown (r, "CRYPTO_CONSTRAINTS_FAILURE", text);
      return FALSE;
    }
  s->md_nid = EVP_MD_get_type (s->md);
  return TRUE;
}

static int
key_algorithm_nid (EVP_PKEY *key)
{
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA: return NID_rsaEncryption;
    case EVP_PKEY_RSA_PSS: return NID_rsassaPss;
    case EVP_PKEY_EC: return NID_X9_62_id_ecPublicKey;
    case EVP_PKEY_DSA: return NID_dsa;
    default: return NID_undef;
    }
}

static gboolean
key_fits (EVP_PKEY *key, int sig_pk_nid)
{
  int base = EVP_PKEY_get_base_id (key);

  if (sig_pk_nid == NID_rsassaPss || sig_pk_nid == NID_rsaEncryption)
    return base == EVP_PKEY_RSA || base == EVP_PKEY_RSA_PSS;
  return EVP_PKEY_type (sig_pk_nid) == base;
}

/* The hash an RSASSA-PSS AlgorithmIdentifier names (RFC 4055 3.1: SHA-1
 * when absent). */
static int
pss_digest (const X509_ALGOR *sig)
{
  const void *param = NULL;
  int ptype = V_ASN1_UNDEF;
  const unsigned char *p;
  RSA_PSS_PARAMS *pss;
  int nid = NID_sha1;

  X509_ALGOR_get0 (NULL, &ptype, &param, sig);
  if (ptype != V_ASN1_SEQUENCE)
    return NID_undef;
  p = ASN1_STRING_get0_data (param);
  pss = d2i_RSA_PSS_PARAMS (NULL, &p, ASN1_STRING_length (param));
  if (pss == NULL)
    return NID_undef;
  if (pss->hashAlgorithm != NULL)
    nid = algor_nid (pss->hashAlgorithm);
  RSA_PSS_PARAMS_free (pss);
  return nid;
}

static X509_ALGOR *
algorithm_of (int nid)
{
  X509_ALGOR *alg = X509_ALGOR_new ();

  X509_ALGOR_set0 (alg, OBJ_nid2obj (nid), V_ASN1_UNDEF, NULL);
  return alg;
}

typedef enum { SIG_OK, SIG_UNSUPPORTED, SIG_INCONSISTENT } SigCheck;

/* signatureAlgorithm: a bare key algorithm (rsaEncryption,
 * id-ecPublicKey) takes its hash from digestAlgorithm; a signature
 * algorithm that names a hash must name that one (an RSA-with-SHA3 OID
 * over a SHA-256 DigestInfo verifies in OpenSSL, not in DSS). */
static SigCheck
resolve_signature_algorithm (X509_ALGOR *sig, BsCmsSigner *s)
{
  int nid = algor_nid (sig);
  int plain_md = plain_ecdsa_digest (sig);
  int sig_md = NID_undef, sig_pk = NID_undef, built = NID_undef;

  if (plain_md != NID_undef)
    {
      s->plain_ecdsa = TRUE;
      if (plain_md != s->md_nid || EVP_PKEY_get_base_id (s->key) != EVP_PKEY_EC)
        return SIG_INCONSISTENT;
      if (!OBJ_find_sigid_by_algs (&built, plain_md, NID_X9_62_id_ecPublicKey))
        return SIG_UNSUPPORTED;
      s->verify_alg = algorithm_of (built);
      return SIG_OK;
    }
  if (nid != NID_undef && nid == key_algorithm_nid (s->key) && nid != NID_rsassaPss)
    {
      if (!OBJ_find_sigid_by_algs (&built, s->md_nid, nid))
        return SIG_UNSUPPORTED;
      s->verify_alg = algorithm_of (built);
      return SIG_OK;
    }
  if (nid == NID_undef || !OBJ_find_sigid_algs (nid, &sig_md, &sig_pk))
    return SIG_UNSUPPORTED;
  if (!key_fits (s->key, sig_pk))
    return SIG_INCONSISTENT;
  if (nid == NID_rsassaPss)
    sig_md = pss_digest (sig);
  s->eddsa = sig_pk == NID_ED25519 || sig_pk == NID_ED448;
  /* RFC 8419 fixes the digest of EdDSA (SHA-512, SHAKE256); any sound
   * digest is still a sound message digest, so it is not enforced. */
  if (!s->eddsa && sig_md != s->md_nid)
    return SIG_INCONSISTENT;
  s->verify_alg = X509_ALGOR_dup (sig);
  return SIG_OK;
}

gboolean
bs_cms_signer_resolve (BsSignatureReport *r, CMS_SignerInfo *si, BsCmsSigner *s)
{
  X509_ALGOR *dig = NULL, *sig = NULL;
  EVP_PKEY *pk = NULL;
  ASN1_OCTET_STRING *value = CMS_SignerInfo_get0_signature (si);
  g_autofree char *text = NULL;
  char name[80];

  memset (s, 0, sizeof *s);
  s->si = si;
  CMS_SignerInfo_get0_algs (si, &pk, &s->cert, &dig, &sig);
  s->signature = g_bytes_new (ASN1_STRING_get0_data (value), (gsize) ASN1_STRING_length (value));
  if (s->cert == NULL)
    {
      bs_report_unknown (r, "NO_SIGNING_CERTIFICATE_FOUND", _("The signer's certificate is not in the signature"));
      return FALSE;
    }
  if (!resolve_digest (r, dig, s))
    return FALSE;
  s->key = X509_get0_pubkey (s->cert);
  switch (s->key ? resolve_signature_algorithm (sig, s) : SIG_UNSUPPORTED)
    {
    case SIG_OK:
      ERR_clear_error ();
      return TRUE;
    case SIG_INCONSISTENT:
      oid_text (sig, name, sizeof name);
      text = g_strdup_printf (_("The signature algorithm (%s) does not agree with the digest algorithm or the signer's key"), name);
      bs_report_broken (r, "SIG_CRYPTO_FAILURE", text);
      return FALSE;
    case SIG_UNSUPPORTED:
    default:
      oid_text (sig, name, sizeof name);
      text = g_strdup_printf (_("The signature uses an algorithm this verifier does not support (%s)"), name);
      bs_report_unknown (r, "CRYPTO_CONSTRAINTS_FAILURE", text);
      return FALSE;
    }
}

void
bs_cms_signer_clear (BsCmsSigner *s)
{
  X509_ALGOR_free (s->verify_alg);
  g_clear_pointer (&s->signature, g_bytes_unref);
  memset (s, 0, sizeof *s);
}

/* ---- signature value ------------------------------------------------------ */

/* r||s → ECDSA-Sig-Value (RFC 3279 2.2.3), what EVP verifies. */
static GBytes *
plain_to_der (GBytes *plain)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (plain, &len);
  ECDSA_SIG *sig = ECDSA_SIG_new ();
  unsigned char *der = NULL;
  int der_len = -1;
  GBytes *out = NULL;

  if (len > 0 && len % 2 == 0
      && ECDSA_SIG_set0 (sig, BN_bin2bn (p, (int) len / 2, NULL), BN_bin2bn (p + len / 2, (int) len / 2, NULL)))
    der_len = i2d_ECDSA_SIG (sig, &der);
  if (der_len > 0)
    out = g_bytes_new (der, (gsize) der_len);
  OPENSSL_free (der);
  ECDSA_SIG_free (sig);
  return out;
}

static GBytes *
verifiable_signature (const BsCmsSigner *s)
{
  return s->plain_ecdsa ? plain_to_der (s->signature) : g_bytes_ref (s->signature);
}

/* ASN1_ANY writes a SET's stored encoding as it is: @data is verified
 * byte for byte. */
static gboolean
signature_verifies_over (const BsCmsSigner *s, GBytes *data)
{
  g_autoptr(GBytes) value = verifiable_signature (s);
  ASN1_STRING *set = ASN1_STRING_type_new (V_ASN1_SET);
  ASN1_TYPE *any = ASN1_TYPE_new ();
  ASN1_BIT_STRING *bits = ASN1_BIT_STRING_new ();
  gboolean ok = FALSE;

  if (value != NULL && data != NULL
      && ASN1_STRING_set (set, g_bytes_get_data (data, NULL), (int) g_bytes_get_size (data))
      && ASN1_BIT_STRING_set (bits, (unsigned char *) g_bytes_get_data (value, NULL), (int) g_bytes_get_size (value)))
    {
      ASN1_TYPE_set (any, V_ASN1_SET, set);
      set = NULL;
      ok = ASN1_item_verify (ASN1_ITEM_rptr (ASN1_ANY), s->verify_alg, bits, any, s->key) == 1;
    }
  ASN1_STRING_free (set);
  ASN1_TYPE_free (any);
  ASN1_BIT_STRING_free (bits);
  ERR_clear_error ();
  return ok;
}

static gboolean
feed_content (const BsCmsContent *content, EVP_MD_CTX *ctx, GCancellable *cancellable)
{
  if (content->econtent != NULL)
    return EVP_DigestUpdate (ctx, g_bytes_get_data (content->econtent, NULL), g_bytes_get_size (content->econtent)) == 1;
  return bs_byte_range_update (content->fd, content->byte_range, ctx, cancellable, NULL);
}

static gboolean
content_digest (const BsCmsContent *content, const BsCmsSigner *s, guint8 *out, GCancellable *cancellable)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned int len = 0;
  gboolean ok = EVP_DigestInit_ex (ctx, s->md, NULL) == 1 && feed_content (content, ctx, cancellable);

  if (ok && (EVP_MD_get_flags (s->md) & EVP_MD_FLAG_XOF))
    ok = EVP_DigestFinalXOF (ctx, out, s->md_len) == 1;
  else if (ok)
    ok = EVP_DigestFinal_ex (ctx, out, &len) == 1 && len == s->md_len;
  EVP_MD_CTX_free (ctx);
  return ok;
}

static gboolean
message_digest_matches (CMS_SignerInfo *si, const guint8 *digest, gsize len)
{
  ASN1_OCTET_STRING *md = CMS_signed_get0_data_by_OBJ (si, OBJ_nid2obj (NID_pkcs9_messageDigest),
                                                       -3, V_ASN1_OCTET_STRING);

  return md != NULL && (gsize) ASN1_STRING_length (md) == len
         && CRYPTO_memcmp (ASN1_STRING_get0_data (md), digest, len) == 0;
}

static gboolean
verify_signed_attributes (BsSignatureReport *r, BsCmsSigner *s)
{
  g_autoptr(GBytes) der = bs_signed_attributes_der (s->si);
  g_autoptr(GBytes) received = NULL;

  if (der == NULL)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signed attributes are not well-formed"));
      return FALSE;
    }
  if (signature_verifies_over (s, der))
    return TRUE;
  /* What OpenSSL (and pdfsig's NSS) accept: the order and inner lengths
   * as received. RFC 5652 5.4 signs the DER; so does EU DSS. */
  received = bs_signed_attributes_received (s->si);
  if (received != NULL && !g_bytes_equal (received, der) && signature_verifies_over (s, received))
    bs_report_broken (r, "SIG_CRYPTO_FAILURE",
                      _("The signed attributes are not DER-encoded (RFC 5652 5.4): the signature verifies only over "
                        "their encoding as received, not over the DER encoding the standard signs"));
  else
    bs_report_broken (r, "SIG_CRYPTO_FAILURE", _("The signature value does not verify with the signer's key"));
  return FALSE;
}

/* ISO 32000-1 12.8.3.3.1 allows adbe.pkcs7.detached without signed
 * attributes: the signature value is then over the content itself.
 * OpenSSL checks it from a digest BIO fed with the content, which keeps
 * RSA-PSS and ECDSA parameters its business. */
static gboolean
verify_without_attributes (BsSignatureReport *r, const BsCmsContent *content, BsCmsSigner *s,
                           GCancellable *cancellable)
{
  BIO *digest_bio = NULL;
  EVP_MD_CTX *ctx = NULL;
  g_autoptr(GBytes) value = NULL;
  gboolean ok = FALSE;

  if (s->eddsa)
    {
      bs_report_unknown (r, "CRYPTO_CONSTRAINTS_FAILURE",
                         _("EdDSA signatures without signed attributes are not supported by this verifier"));
      return FALSE;
    }
  value = verifiable_signature (s);
  digest_bio = BIO_new (BIO_f_md ());
  CMS_SignerInfo_set1_signer_cert (s->si, s->cert);
  if (value == NULL || !ASN1_STRING_set (CMS_SignerInfo_get0_signature (s->si), g_bytes_get_data (value, NULL),
                                         (int) g_bytes_get_size (value)))
    bs_report_broken (r, "SIG_CRYPTO_FAILURE", _("The signature value is not well-formed"));
  else if (BIO_set_md (digest_bio, s->md) != 1 || BIO_get_md_ctx (digest_bio, &ctx) != 1
           || !feed_content (content, ctx, cancellable))
    bs_report_broken (r, "FORMAT_FAILURE", _("The signed bytes cannot be read"));
  else if (CMS_SignerInfo_verify_content (s->si, digest_bio) != 1)
    bs_report_broken (r, "HASH_FAILURE", _("The document was changed or the signature value does not verify with the signer's key"));
  else
    ok = TRUE;
  BIO_free (digest_bio);
  ERR_clear_error ();
  return ok;
}

gboolean
bs_cms_verify_signer (BsSignatureReport *r, const BsCmsContent *content, BsCmsSigner *s, GCancellable *cancellable)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  gboolean ok;

  if (CMS_signed_get_attr_count (s->si) < 0)
    ok = verify_without_attributes (r, content, s, cancellable);
  else if (!content_digest (content, s, digest, cancellable))
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signed bytes cannot be read"));
      ok = FALSE;
    }
  else if (!message_digest_matches (s->si, digest, s->md_len))
    {
      bs_report_broken (r, "HASH_FAILURE", _("The document was changed: its digest does not match the signature"));
      ok = FALSE;
    }
  else
    ok = verify_signed_attributes (r, s);
  if (ok)
    r->integrity = BS_INTEGRITY_INTACT;
  return ok;
}
