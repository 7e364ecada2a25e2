/* bs-verify-crypto.c — CMS signature, signer chain and time-stamp of one
 * PDF signature (RFC 5652, RFC 3161, RFC 5280, ETSI EN 319 142-1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-crypto.h"
#include "bs-byte-range.h"
#include "bs-cert-info.h"
#include "bs-trust-anchors.h"

#include <glib/gi18n-lib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>
#include <string.h>

struct _BsVerifyCrypto {
  STACK_OF (X509)  *anchors;
  gboolean          online;
  BsValidationData *document_data;   /* the DSS */
};

BsVerifyCrypto *
bs_verify_crypto_new (const BsVerifyOptions *options)
{
  BsVerifyCrypto *c = g_new0 (BsVerifyCrypto, 1);

  c->anchors = bs_trust_anchors_load ((const char * const *) options->trust_paths);
  c->online = options->online;
  c->document_data = bs_validation_data_new ();
  return c;
}

void
bs_verify_crypto_free (BsVerifyCrypto *c)
{
  if (c == NULL)
    return;
  sk_X509_pop_free (c->anchors, X509_free);
  bs_validation_data_free (c->document_data);
  g_free (c);
}

void
bs_verify_crypto_set_document_data (BsVerifyCrypto *c, BsValidationData *data)
{
  bs_validation_data_free (c->document_data);
  c->document_data = data;
}

static void
problem (BsSignatureReport *r, const char *text)
{
  g_ptr_array_add (r->problems, g_strdup (text));
}

static void
fail (BsSignatureReport *r, const char *sub_indication, const char *text)
{
  r->integrity = BS_INTEGRITY_BROKEN;
  g_free (r->indication);
  g_free (r->sub_indication);
  r->indication = g_strdup ("TOTAL_FAILED");
  r->sub_indication = g_strdup (sub_indication);
  problem (r, text);
  ERR_clear_error ();
}

/* The CMS ends where its own (DER or BER) length says; what follows in
 * the placeholder is padding the signer never signed. It is usually
 * zeros, but PDFBox encrypts the zero placeholder of encrypted files, and
 * the byte-range check already keeps the gap to this one hex string. */
static CMS_ContentInfo *
parse_cms (GBytes *contents)
{
  gsize len;
  const unsigned char *p = g_bytes_get_data (contents, &len);

  return d2i_CMS_ContentInfo (NULL, &p, (long) len);
}

static const ASN1_OBJECT *
algor_oid (const X509_ALGOR *alg)
{
  const ASN1_OBJECT *oid = NULL;

  X509_ALGOR_get0 (&oid, NULL, NULL, alg);
  return oid;
}

static gboolean
digest_is_weak (const EVP_MD *md)
{
  int nid = EVP_MD_get_type (md);

  return nid == NID_md5 || nid == NID_sha1 || nid == NID_md2 || nid == NID_md4;
}

static gboolean
message_digest_matches (CMS_SignerInfo *si, const guint8 *digest, guint len)
{
  ASN1_OCTET_STRING *md = CMS_signed_get0_data_by_OBJ (si, OBJ_nid2obj (NID_pkcs9_messageDigest),
                                                       -3, V_ASN1_OCTET_STRING);

  return md != NULL && (guint) ASN1_STRING_length (md) == len
         && CRYPTO_memcmp (ASN1_STRING_get0_data (md), digest, len) == 0;
}

/* ETSI EN 319 122-1 5.2.2: signing-certificate(-v2) binds the signer cert. */
static gboolean
signing_certificate_matches (CMS_SignerInfo *si, X509 *signer)
{
  ASN1_STRING *v2 = CMS_signed_get0_data_by_OBJ (si, OBJ_nid2obj (NID_id_smime_aa_signingCertificateV2),
                                                 -3, V_ASN1_SEQUENCE);
  ASN1_STRING *v1 = CMS_signed_get0_data_by_OBJ (si, OBJ_nid2obj (NID_id_smime_aa_signingCertificate),
                                                 -3, V_ASN1_SEQUENCE);
  STACK_OF (X509) *chain = sk_X509_new_null ();
  ESS_SIGNING_CERT_V2 *ssv2 = NULL;
  ESS_SIGNING_CERT *ss = NULL;
  const unsigned char *p;
  int ok;

  if (v2 != NULL)
    {
      p = ASN1_STRING_get0_data (v2);
      ssv2 = d2i_ESS_SIGNING_CERT_V2 (NULL, &p, ASN1_STRING_length (v2));
    }
  if (v1 != NULL)
    {
      p = ASN1_STRING_get0_data (v1);
      ss = d2i_ESS_SIGNING_CERT (NULL, &p, ASN1_STRING_length (v1));
    }
  sk_X509_push (chain, signer);
  ok = (v2 == NULL || ssv2 != NULL) && (v1 == NULL || ss != NULL)
       && OSSL_ESS_check_signing_certs (ss, ssv2, chain, 0) > 0;
  sk_X509_free (chain);
  ESS_SIGNING_CERT_V2_free (ssv2);
  ESS_SIGNING_CERT_free (ss);
  return ok;
}

/* A time-stamp more than 5 minutes from the claimed /M: the signer's
 * clock (or claim) is off. Reported, not a failure: the time-stamp wins. */
static void
note_clock_skew (BsSignatureReport *r)
{
  GTimeSpan skew;

  if (r->signing_time == NULL)
    return;
  skew = g_date_time_difference (r->timestamp_time, r->signing_time);
  if (ABS (skew) > 5 * G_TIME_SPAN_MINUTE)
    g_ptr_array_add (r->problems,
                     g_strdup_printf (_("The time-stamp's time differs from the signing time the signer claimed by %d minutes"),
                                      (int) (ABS (skew) / G_TIME_SPAN_MINUTE)));
}

static const char *
format_of (BsSignatureReport *r, gboolean stamped)
{
  const char *sf = r->field->sub_filter;

  if (g_strcmp0 (sf, "/ETSI.CAdES.detached") == 0)
    return stamped ? "PAdES-BASELINE-T" : "PAdES-BASELINE-B";
  if (g_strcmp0 (sf, "/adbe.pkcs7.detached") == 0 || g_strcmp0 (sf, "/adbe.pkcs7.sha1") == 0)
    return stamped ? "PKCS7-T" : "PKCS7-B";
  return "PDF-NOT-ETSI";
}

static GDateTime *
asn1_time_to_gdatetime (const ASN1_TIME *t)
{
  struct tm tm;

  if (t == NULL || !ASN1_TIME_to_tm (t, &tm))
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                              tm.tm_min, tm.tm_sec);
}

/* ISO 32000-1 7.9.4: D:YYYYMMDDHHmmSSOHH'mm' with everything after the
 * year optional. */
static GDateTime *
parse_pdf_date (const char *text)
{
  int f[6] = { 0, 1, 1, 0, 0, 0 };
  const int widths[6] = { 4, 2, 2, 2, 2, 2 };
  const char *p = text;
  g_autoptr(GTimeZone) tz = NULL;
  int i = 0;

  if (p == NULL)
    return NULL;
  if (g_str_has_prefix (p, "D:"))
    p += 2;
  for (; i < 6; i++)
    {
      int v = 0;
      for (int k = 0; k < widths[i]; k++, p++)
        {
          if (!g_ascii_isdigit (*p))
            goto done;
          v = v * 10 + (*p - '0');
        }
      f[i] = v;
    }
done:
  if (i == 0)
    return NULL;
  if (*p == '+' || *p == '-')
    {
      g_autofree char *id = g_strdup_printf ("%c%c%c:%c%c", p[0], p[1] ? p[1] : '0', p[2] ? p[2] : '0',
                                             p[3] == '\'' && p[4] ? p[4] : '0',
                                             p[3] == '\'' && p[4] && p[5] ? p[5] : '0');
      tz = g_time_zone_new_identifier (id);
    }
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return g_date_time_new (tz, f[0], f[1], f[2], f[3], f[4], f[5]);
}

static X509_STORE *
store_at (BsVerifyCrypto *c, GDateTime *when)
{
  X509_STORE *store = X509_STORE_new ();

  for (int i = 0; i < sk_X509_num (c->anchors); i++)
    X509_STORE_add_cert (store, sk_X509_value (c->anchors, i));
  if (when != NULL)
    X509_VERIFY_PARAM_set_time (X509_STORE_get0_param (store), (time_t) g_date_time_to_unix (when));
  return store;
}

/* One switch for OpenSSL's reasons; anything unknown is still a failure. */
static const char *
describe_chain_error (int err, const char **sub_indication)
{
  *sub_indication = "NO_CERTIFICATE_CHAIN_FOUND";
  switch (err)
    {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      *sub_indication = "OUT_OF_BOUNDS_NO_POE";
      return _("The signer's certificate was not valid at the signing time");
    case X509_V_ERR_CERT_REVOKED:
      *sub_indication = "REVOKED_NO_POE";
      return _("The signer's certificate is revoked");
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
      return _("The signer's certificate does not lead to a trusted root");
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
      return _("A certificate in the signer's chain has a bad signature");
    default:
      return _("The signer's certificate chain cannot be verified");
    }
}

/* The issuer of @cert among @certs and the anchors (transfer none). */
static X509 *
find_issuer (BsVerifyCrypto *c, X509 *cert, STACK_OF (X509) *certs)
{
  STACK_OF (X509) *pools[2] = { certs, c->anchors };

  for (gsize p = 0; p < G_N_ELEMENTS (pools); p++)
    for (int i = 0; pools[p] != NULL && i < sk_X509_num (pools[p]); i++)
      if (X509_check_issued (sk_X509_value (pools[p], i), cert) == X509_V_OK)
        return sk_X509_value (pools[p], i);
  return NULL;
}

static void
check_chain (BsVerifyCrypto *c, BsSignatureReport *r, X509 *signer, STACK_OF (X509) *certs)
{
  X509_STORE *store = store_at (c, r->signing_time);
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  const char *sub = NULL;
  uint32_t usage = X509_get_key_usage (signer);
  gboolean chained = X509_STORE_CTX_init (ctx, store, signer, certs) == 1 && X509_verify_cert (ctx) == 1;

  r->trust = chained ? BS_TRUST_TRUSTED : BS_TRUST_UNTRUSTED;
  if (!chained)
    {
      problem (r, describe_chain_error (X509_STORE_CTX_get_error (ctx), &sub));
      r->indication = g_strdup ("INDETERMINATE");
      r->sub_indication = g_strdup (sub);
    }
  else if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    {
      r->trust = BS_TRUST_UNTRUSTED;
      problem (r, _("The signer's certificate may not be used for signatures (key usage)"));
      r->indication = g_strdup ("INDETERMINATE");
      r->sub_indication = g_strdup ("CHAIN_CONSTRAINTS_FAILURE");
    }
  else
    r->indication = g_strdup ("TOTAL_PASSED");
  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  ERR_clear_error ();
}

static gboolean
tsa_chain_trusted (BsVerifyCrypto *c, PKCS7 *token, GDateTime *when, X509 **tsa)
{
  STACK_OF (X509) *signers = PKCS7_get0_signers (token, NULL, 0);
  STACK_OF (X509) *dss = bs_validation_data_get_certs (c->document_data);
  /* Intermediate certificates travel in the token or in the DSS. */
  STACK_OF (X509) *certs = token->d.sign && token->d.sign->cert ? sk_X509_dup (token->d.sign->cert)
                                                                : sk_X509_new_null ();
  X509_STORE *store = store_at (c, when);
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  gboolean ok = FALSE;

  for (int i = 0; dss != NULL && i < sk_X509_num (dss); i++)
    sk_X509_push (certs, sk_X509_value (dss, i));

  *tsa = signers && sk_X509_num (signers) > 0 ? sk_X509_value (signers, 0) : NULL;
  if (*tsa != NULL)
    {
      X509_up_ref (*tsa);
      ok = X509_STORE_CTX_init (ctx, store, *tsa, certs) == 1 && X509_verify_cert (ctx) == 1
           && (X509_get_extended_key_usage (*tsa) & XKU_TIMESTAMP) != 0;
    }
  sk_X509_free (signers);
  sk_X509_free (certs);
  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  ERR_clear_error ();
  return ok;
}

/* Reads the signature time-stamp (EN 319 122-1 5.3). Returns TRUE when its
 * time proves when the signature existed: the token matches the
 * signature and its authority chains to a trust anchor. An untrusted
 * authority's time is shown but proves nothing: anyone can make one. */
static gboolean
check_timestamp (BsVerifyCrypto *c, BsSignatureReport *r, CMS_SignerInfo *si)
{
  gboolean proven = FALSE;
  X509 *tsa = NULL;
  int loc = CMS_unsigned_get_attr_by_NID (si, NID_id_smime_aa_timeStampToken, -1);
  ASN1_TYPE *value = loc >= 0 ? X509_ATTRIBUTE_get0_type (CMS_unsigned_get_attr (si, loc), 0) : NULL;
  ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature (si);
  const unsigned char *p;
  PKCS7 *token = NULL;
  TS_TST_INFO *info = NULL;
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int dlen = 0;
  const EVP_MD *md;
  ASN1_OCTET_STRING *imprint;

  if (value == NULL || value->type != V_ASN1_SEQUENCE)
    return FALSE;
  p = ASN1_STRING_get0_data (value->value.sequence);
  token = d2i_PKCS7 (NULL, &p, ASN1_STRING_length (value->value.sequence));
  info = token ? PKCS7_to_TS_TST_INFO (token) : NULL;
  md = info ? EVP_get_digestbyobj (algor_oid (TS_MSG_IMPRINT_get_algo (TS_TST_INFO_get_msg_imprint (info)))) : NULL;
  imprint = info ? TS_MSG_IMPRINT_get_msg (TS_TST_INFO_get_msg_imprint (info)) : NULL;
  /* RFC 3161 / EN 319 122-1: the imprint is over the signature value. */
  if (md != NULL && EVP_Digest (ASN1_STRING_get0_data (sig), (size_t) ASN1_STRING_length (sig),
                                digest, &dlen, md, NULL)
      && imprint != NULL && (unsigned int) ASN1_STRING_length (imprint) == dlen
      && memcmp (ASN1_STRING_get0_data (imprint), digest, dlen) == 0
      && PKCS7_verify (token, NULL, NULL, NULL, NULL, PKCS7_NOVERIFY) == 1)
    {
      STACK_OF (X509) *signers = PKCS7_get0_signers (token, NULL, 0);
      r->timestamp_time = asn1_time_to_gdatetime (TS_TST_INFO_get_time (info));
      if (signers != NULL && sk_X509_num (signers) > 0)
        r->timestamp_authority = bs_cert_info_common_name (sk_X509_value (signers, 0));
      sk_X509_free (signers);
      proven = r->timestamp_time != NULL && tsa_chain_trusted (c, token, r->timestamp_time, &tsa);
      if (!proven)
        problem (r, _("The time-stamp authority is not trusted, so its time does not prove when the document was signed"));
    }
  else
    problem (r, _("The signature time-stamp does not match the signature or is damaged"));
  X509_free (tsa);
  ERR_clear_error ();
  TS_TST_INFO_free (info);
  PKCS7_free (token);
  return proven;
}

static char *
format_time (GDateTime *t)
{
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

/* Issue rules (and ETSI EN 319 102-1 5.6.2.4): revoked before the signing
 * time, or revoked with no time-stamp to prove the signing time, makes the
 * signature invalid; revoked after a time-stamped signing time does not. */
static void
judge_revocation (BsSignatureReport *r, BsRevocationResult *rev, gboolean from_network)
{
  g_autofree char *when = format_time (rev->revoked_at);
  const char *reason = rev->reason ? rev->reason : "unspecified";

  switch (rev->status)
    {
    case BS_REVOCATION_GOOD:
      r->revocation = g_strdup_printf (_("not revoked (%s)"), rev->source);
      r->ltv = !from_network;
      break;
    case BS_REVOCATION_REVOKED:
      r->ltv = !from_network;
      if (r->time_from_timestamp && rev->revoked_at != NULL && r->signing_time != NULL
          && g_date_time_compare (rev->revoked_at, r->signing_time) > 0)
        {
          r->revocation = g_strdup_printf (_("revoked on %s (%s, %s), after the time-stamp proved the "
                                             "signing time: the signature stays valid"), when, reason, rev->source);
          break;
        }
      r->trust = BS_TRUST_REVOKED;
      r->revocation = g_strdup_printf (_("revoked on %s (%s, %s), before the signing time or with no "
                                         "time-stamp to prove it"), when, reason, rev->source);
      problem (r, _("The signer's certificate is revoked"));
      g_free (r->indication);
      g_free (r->sub_indication);
      r->indication = g_strdup (r->time_from_timestamp ? "TOTAL_FAILED" : "INDETERMINATE");
      r->sub_indication = g_strdup (r->time_from_timestamp ? "REVOKED" : "REVOKED_NO_POE");
      break;
    case BS_REVOCATION_UNKNOWN:
    default:
      r->revocation = g_strdup (_("no revocation data for the signer's certificate"));
      break;
    }
}

static void
check_revocation (BsVerifyCrypto *c, BsSignatureReport *r, CMS_SignerInfo *si, X509 *signer,
                  STACK_OF (X509) *certs, GCancellable *cancellable)
{
  g_autoptr(BsValidationData) own = bs_validation_data_new ();
  /* adbe-revocationInfoArchival (ISO 32000-1 12.8.3.3.2). */
  ASN1_OBJECT *archival_oid = OBJ_txt2obj ("1.2.840.113583.1.1.8", 1);
  ASN1_STRING *archival = CMS_signed_get0_data_by_OBJ (si, archival_oid, -3, V_ASN1_SEQUENCE);
  X509 *issuer = find_issuer (c, signer, certs);
  X509_STORE *store = store_at (c, NULL);
  BsRevocationResult rev = { 0 };
  gboolean from_network = FALSE;

  if (issuer == NULL)
    issuer = find_issuer (c, signer, bs_validation_data_get_certs (c->document_data));
  if (archival != NULL)
    bs_validation_data_add_archival (own, ASN1_STRING_get0_data (archival), (gsize) ASN1_STRING_length (archival));
  bs_revocation_check (own, signer, issuer, store, &rev);
  if (rev.status != BS_REVOCATION_REVOKED)
    {
      BsRevocationResult dss = { 0 };
      bs_revocation_check (c->document_data, signer, issuer, store, &dss);
      if (dss.status != BS_REVOCATION_UNKNOWN)
        {
          bs_revocation_result_clear (&rev);
          rev = dss;
        }
    }
  if (rev.status == BS_REVOCATION_UNKNOWN && c->online
      && bs_revocation_fetch (own, signer, issuer, cancellable))
    {
      from_network = TRUE;
      bs_revocation_check (own, signer, issuer, store, &rev);
    }
  judge_revocation (r, &rev, from_network);
  bs_revocation_result_clear (&rev);
  X509_STORE_free (store);
  ASN1_OBJECT_free (archival_oid);
  ERR_clear_error ();
}

static void
fill_identity (BsSignatureReport *r, CMS_ContentInfo *cms, X509 *signer, X509_ALGOR *dig, X509_ALGOR *sig)
{
  STACK_OF (X509) *certs = CMS_get1_certs (cms);
  char buf[128];

  r->signer_name = bs_cert_info_common_name (signer);
  OBJ_obj2txt (buf, sizeof buf, algor_oid (dig), 0);
  r->digest_algorithm = g_ascii_strup (buf, -1);
  OBJ_obj2txt (buf, sizeof buf, algor_oid (sig), 0);
  r->signature_algorithm = g_strdup (buf);
  g_ptr_array_add (r->certificates, bs_cert_info_new (signer));
  for (int i = 0; certs != NULL && i < sk_X509_num (certs); i++)
    if (X509_cmp (sk_X509_value (certs, i), signer) != 0)
      g_ptr_array_add (r->certificates, bs_cert_info_new (sk_X509_value (certs, i)));
  sk_X509_pop_free (certs, X509_free);
}

/* ISO 32000-1 12.8.3.3.1 allows adbe.pkcs7.detached without signed
 * attributes: the signature value is then over the signed bytes
 * themselves. OpenSSL checks it from a digest BIO fed with those bytes,
 * which keeps RSA-PSS and ECDSA parameters its business, not ours. */
static gboolean
verify_without_attributes (BsSignatureReport *r, int fd, CMS_SignerInfo *si, X509 *signer,
                           const EVP_MD *md, GCancellable *cancellable)
{
  BIO *digest_bio = BIO_new (BIO_f_md ());
  EVP_MD_CTX *ctx = NULL;
  gboolean ok = FALSE;

  CMS_SignerInfo_set1_signer_cert (si, signer);
  if (BIO_set_md (digest_bio, md) != 1 || BIO_get_md_ctx (digest_bio, &ctx) != 1
      || !bs_byte_range_update (fd, r->field->byte_range, ctx, cancellable, NULL))
    fail (r, "FORMAT_FAILURE", _("The signed bytes cannot be read"));
  else if (CMS_SignerInfo_verify_content (si, digest_bio) != 1)
    fail (r, "HASH_FAILURE", _("The document was changed or the signature value does not verify with the signer's key"));
  else
    ok = TRUE;
  BIO_free (digest_bio);
  ERR_clear_error ();
  return ok;
}

/* The signingTime attribute (RFC 5652 11.3), which some signers set
 * instead of /M: still only a claim by the signer. */
static GDateTime *
cms_signing_time (CMS_SignerInfo *si)
{
  int loc = CMS_signed_get_attr_by_NID (si, NID_pkcs9_signingTime, -1);
  ASN1_TYPE *value = loc >= 0 ? X509_ATTRIBUTE_get0_type (CMS_signed_get_attr (si, loc), 0) : NULL;

  if (value == NULL || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
    return NULL;
  return asn1_time_to_gdatetime (value->value.utctime);
}

static gboolean
verify_signer (BsSignatureReport *r, int fd, CMS_SignerInfo *si, X509 *signer,
               const EVP_MD *md, GCancellable *cancellable)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  guint dlen = 0;

  if (CMS_signed_get_attr_count (si) < 0)
    return verify_without_attributes (r, fd, si, signer, md, cancellable);
  if (!bs_byte_range_digest (fd, r->field->byte_range, md, digest, &dlen, cancellable, NULL))
    {
      fail (r, "FORMAT_FAILURE", _("The signed bytes cannot be read"));
      return FALSE;
    }
  if (!message_digest_matches (si, digest, dlen))
    {
      fail (r, "HASH_FAILURE", _("The document was changed: its digest does not match the signature"));
      return FALSE;
    }
  CMS_SignerInfo_set1_signer_cert (si, signer);
  if (CMS_SignerInfo_verify (si) != 1)
    {
      fail (r, "SIG_CRYPTO_FAILURE", _("The signature value does not verify with the signer's key"));
      return FALSE;
    }
  if (!signing_certificate_matches (si, signer))
    {
      fail (r, "FORMAT_FAILURE", _("The signing-certificate attribute does not match the signer"));
      return FALSE;
    }
  return TRUE;
}

static void
check_cms (BsVerifyCrypto *c, BsSignatureReport *r, int fd, CMS_ContentInfo *cms,
           GCancellable *cancellable)
{
  STACK_OF (CMS_SignerInfo) *infos = CMS_get0_SignerInfos (cms);
  STACK_OF (X509) *certs = CMS_get1_certs (cms);
  CMS_SignerInfo *si;
  X509 *signer = NULL;
  X509_ALGOR *dig = NULL, *sig = NULL;
  EVP_PKEY *pk = NULL;
  const EVP_MD *md;

  if (OBJ_obj2nid (CMS_get0_type (cms)) != NID_pkcs7_signed || sk_CMS_SignerInfo_num (infos) != 1)
    {
      fail (r, "FORMAT_FAILURE", _("The signature is not a CMS SignedData with one signer"));
      goto out;
    }
  si = sk_CMS_SignerInfo_value (infos, 0);
  /* Some signers leave their certificate out of the CMS and put it in the
   * document's DSS. */
  CMS_set1_signers_certs (cms, bs_validation_data_get_certs (c->document_data), 0);
  CMS_SignerInfo_get0_algs (si, &pk, &signer, &dig, &sig);
  md = dig ? EVP_get_digestbyobj (algor_oid (dig)) : NULL;
  if (signer == NULL || md == NULL)
    {
      fail (r, "FORMAT_FAILURE", signer ? _("The signature uses an unknown digest algorithm")
                                        : _("The signer's certificate is not in the signature"));
      goto out;
    }
  fill_identity (r, cms, signer, dig, sig);
  if (r->signing_time == NULL)
    r->signing_time = cms_signing_time (si);
  /* adbe.pkcs7.sha1 signs a SHA-1 digest of the document whatever the
   * signer's own digest is: SHA-1 collisions forge it (SHAttered was a
   * pair of PDFs). */
  if (digest_is_weak (md) || g_strcmp0 (r->field->sub_filter, "/adbe.pkcs7.sha1") == 0)
    {
      fail (r, "CRYPTO_CONSTRAINTS_FAILURE", _("The signature uses a broken digest algorithm (MD5 or SHA-1)"));
      goto out;
    }
  r->integrity = verify_signer (r, fd, si, signer, md, cancellable) ? BS_INTEGRITY_INTACT : BS_INTEGRITY_BROKEN;
  if (r->integrity != BS_INTEGRITY_INTACT)
    goto out;
  r->time_from_timestamp = check_timestamp (c, r, si);
  if (r->time_from_timestamp)
    {
      note_clock_skew (r);
      g_clear_pointer (&r->signing_time, g_date_time_unref);
      r->signing_time = g_date_time_ref (r->timestamp_time);
    }
  r->format = g_strdup (format_of (r, r->timestamp_time != NULL));
  for (int i = 0; i < sk_X509_num (bs_validation_data_get_certs (c->document_data)); i++)
    {
      X509 *extra = sk_X509_value (bs_validation_data_get_certs (c->document_data), i);
      X509_up_ref (extra);
      sk_X509_push (certs, extra);
    }
  check_chain (c, r, signer, certs);
  check_revocation (c, r, si, signer, certs, cancellable);
out:
  sk_X509_pop_free (certs, X509_free);
  ERR_clear_error ();
}

/* /SubFilter /ETSI.RFC3161 (ETSI EN 319 142-1 5.4.3): the token's imprint
 * is the digest of the byte ranges themselves. */
static void
check_document_timestamp (BsVerifyCrypto *c, BsSignatureReport *r, int fd, GCancellable *cancellable)
{
  gsize len;
  const unsigned char *p = g_bytes_get_data (r->field->contents, &len);
  PKCS7 *token = d2i_PKCS7 (NULL, &p, (long) len);
  TS_TST_INFO *info = token ? PKCS7_to_TS_TST_INFO (token) : NULL;
  TS_MSG_IMPRINT *mi = info ? TS_TST_INFO_get_msg_imprint (info) : NULL;
  const EVP_MD *md = mi ? EVP_get_digestbyobj (algor_oid (TS_MSG_IMPRINT_get_algo (mi))) : NULL;
  ASN1_OCTET_STRING *imprint = mi ? TS_MSG_IMPRINT_get_msg (mi) : NULL;
  guint8 digest[EVP_MAX_MD_SIZE];
  guint dlen = 0;
  X509 *tsa = NULL;

  r->format = g_strdup ("PAdES-DOCUMENT-TIMESTAMP");
  if (md == NULL || imprint == NULL)
    fail (r, "FORMAT_FAILURE", _("The document time-stamp is not a well-formed RFC 3161 token"));
  else if (digest_is_weak (md))
    fail (r, "CRYPTO_CONSTRAINTS_FAILURE", _("The document time-stamp uses a broken digest algorithm"));
  else if (!bs_byte_range_digest (fd, r->field->byte_range, md, digest, &dlen, cancellable, NULL)
           || (guint) ASN1_STRING_length (imprint) != dlen
           || CRYPTO_memcmp (ASN1_STRING_get0_data (imprint), digest, dlen) != 0)
    fail (r, "HASH_FAILURE", _("The document was changed: its digest does not match the document time-stamp"));
  else if (PKCS7_verify (token, NULL, NULL, NULL, NULL, PKCS7_NOVERIFY) != 1)
    fail (r, "SIG_CRYPTO_FAILURE", _("The signature of the document time-stamp does not verify"));
  else
    {
      r->integrity = BS_INTEGRITY_INTACT;
      r->timestamp_time = asn1_time_to_gdatetime (TS_TST_INFO_get_time (info));
      g_clear_pointer (&r->signing_time, g_date_time_unref);
      r->signing_time = r->timestamp_time ? g_date_time_ref (r->timestamp_time) : NULL;
      r->time_from_timestamp = TRUE;
      r->trust = tsa_chain_trusted (c, token, r->signing_time, &tsa) ? BS_TRUST_TRUSTED : BS_TRUST_UNTRUSTED;
      r->indication = g_strdup (r->trust == BS_TRUST_TRUSTED ? "TOTAL_PASSED" : "INDETERMINATE");
      if (r->trust != BS_TRUST_TRUSTED)
        {
          r->sub_indication = g_strdup ("NO_CERTIFICATE_CHAIN_FOUND");
          problem (r, _("The time-stamp authority's certificate does not lead to a trusted root"));
        }
      if (tsa != NULL)
        {
          r->signer_name = bs_cert_info_common_name (tsa);
          r->timestamp_authority = g_strdup (r->signer_name);
          g_ptr_array_add (r->certificates, bs_cert_info_new (tsa));
        }
    }
  X509_free (tsa);
  ERR_clear_error ();
  TS_TST_INFO_free (info);
  PKCS7_free (token);
}

void
bs_verify_crypto_check (BsVerifyCrypto *c, BsSignatureReport *r, int fd, GCancellable *cancellable)
{
  CMS_ContentInfo *cms;

  r->signing_time = parse_pdf_date (r->field->signing_time);
  if (r->field->contents == NULL || g_bytes_get_size (r->field->contents) == 0)
    {
      fail (r, "FORMAT_FAILURE", _("The signature has no /Contents"));
      return;
    }
  if (r->doc_timestamp)
    {
      check_document_timestamp (c, r, fd, cancellable);
      return;
    }
  /* ISO 32000-2 deprecates it; its digest is SHA-1, which collisions forge. */
  if (g_strcmp0 (r->field->sub_filter, "/adbe.x509.rsa_sha1") == 0)
    {
      fail (r, "CRYPTO_CONSTRAINTS_FAILURE",
            _("The signature is in the adbe.x509.rsa_sha1 format, whose SHA-1 digest is broken"));
      return;
    }
  cms = parse_cms (r->field->contents);
  if (cms == NULL)
    {
      fail (r, "FORMAT_FAILURE", _("The signature is not a well-formed CMS structure"));
      return;
    }
  check_cms (c, r, fd, cms, cancellable);
  CMS_ContentInfo_free (cms);
}
