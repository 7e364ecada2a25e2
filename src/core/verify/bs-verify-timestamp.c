/* bs-verify-timestamp.c — is a time-stamp token genuine, and does its
 * time prove anything?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-timestamp.h"
#include "bs-byte-range.h"
#include "bs-cert-info.h"
#include "bs-verify-algorithms.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>
#include <string.h>

typedef enum {
  REASON_MALFORMED,
  REASON_IMPRINT,
  REASON_SIGNATURE,
  REASON_NO_TSA_CERTIFICATE,
  REASON_UNSUPPORTED_DIGEST,
  REASON_USAGE,
  REASON_WEAK,
  REASON_UNTRUSTED,
} Reason;

static const char *
reason_text (Reason reason, gboolean document)
{
  switch (reason)
    {
    case REASON_MALFORMED:
      return document ? _("The document time-stamp is not a well-formed RFC 3161 token")
                      : _("The signature time-stamp is not a well-formed RFC 3161 token");
    case REASON_IMPRINT:
      return document ? _("The document was changed: its digest does not match the document time-stamp")
                      : _("The signature time-stamp does not match the signature (its message imprint differs)");
    case REASON_SIGNATURE:
      return document ? _("The signature of the document time-stamp does not verify")
                      : _("The signature time-stamp's own signature does not verify: the token was altered");
    case REASON_NO_TSA_CERTIFICATE:
      return document ? _("The document time-stamp cannot be checked: its authority's certificate is missing")
                      : _("The signature time-stamp cannot be checked: its authority's certificate is missing");
    case REASON_UNSUPPORTED_DIGEST:
      return document ? _("The document time-stamp uses a digest algorithm this verifier does not support")
                      : _("The signature time-stamp uses a digest algorithm this verifier does not support");
    case REASON_USAGE:
      return document ? _("The document time-stamp's authority is not certified for time-stamping only "
                          "(RFC 3161 2.3: a critical extended key usage of timeStamping)")
                      : _("The signature time-stamp's authority is not certified for time-stamping only "
                          "(RFC 3161 2.3: a critical extended key usage of timeStamping), so its time proves nothing");
    case REASON_WEAK:
      return document ? _("The document time-stamp uses an algorithm that is no longer reliable")
                      : _("The signature time-stamp uses an algorithm that is no longer reliable, so its time proves nothing");
    case REASON_UNTRUSTED:
    default:
      return document ? _("The time-stamp authority's certificate does not lead to a trusted root")
                      : _("The time-stamp authority is not trusted, so its time does not prove when the document was signed");
    }
}

static void
set_outcome (BsTimestampCheck *check, BsTimestampStatus status, const char *sub_indication, Reason reason,
             gboolean document)
{
  check->status = status;
  check->sub_indication = sub_indication;
  check->problem = reason_text (reason, document);
  check->trust = reason == REASON_WEAK ? BS_TRUST_INDETERMINATE : BS_TRUST_UNTRUSTED;
}

typedef gboolean (*DigestFn) (gpointer data, const EVP_MD *md, guint8 *out, guint *len);

static STACK_OF (X509) *
candidate_certificates (BsVerifyCrypto *c, PKCS7 *token)
{
  STACK_OF (X509) *dss = bs_validation_data_get_certs (c->document_data);
  /* Intermediate certificates travel in the token or in the DSS. */
  STACK_OF (X509) *certs = token->d.sign && token->d.sign->cert ? sk_X509_dup (token->d.sign->cert)
                                                                : sk_X509_new_null ();

  for (int i = 0; dss != NULL && i < sk_X509_num (dss); i++)
    sk_X509_push (certs, sk_X509_value (dss, i));
  return certs;
}

static gboolean
chain_trusted (BsVerifyCrypto *c, X509 *tsa, STACK_OF (X509) *certs, GDateTime *when)
{
  X509_STORE *store = bs_verify_crypto_store_at (c, when);
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  gboolean ok = X509_STORE_CTX_init (ctx, store, tsa, certs) == 1 && X509_verify_cert (ctx) == 1;

  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  return ok;
}

static const EVP_MD *
token_signer_digest (PKCS7 *token)
{
  STACK_OF (PKCS7_SIGNER_INFO) *infos = PKCS7_get_signer_info (token);
  X509_ALGOR *digest = NULL;
  const ASN1_OBJECT *oid = NULL;

  if (infos == NULL || sk_PKCS7_SIGNER_INFO_num (infos) < 1)
    return NULL;
  PKCS7_SIGNER_INFO_get0_algs (sk_PKCS7_SIGNER_INFO_value (infos, 0), NULL, &digest, NULL);
  X509_ALGOR_get0 (&oid, NULL, NULL, digest);
  return EVP_get_digestbyobj (oid);
}

/* After the token verifies: is its authority one whose time counts? */
static void
judge_authority (BsVerifyCrypto *c, PKCS7 *token, const EVP_MD *imprint_md, STACK_OF (X509) *certs,
                 BsTimestampCheck *check, gboolean document)
{
  /* RFC 3161 2.3: the TSA's certificate has exactly one extended key
   * usage, id-kp-timeStamping, marked critical (OpenSSL's timestamp-sign
   * purpose checks that and the key usage). */
  if (X509_check_purpose (check->tsa, X509_PURPOSE_TIMESTAMP_SIGN, 0) != 1)
    set_outcome (check, BS_TIMESTAMP_UNPROVEN, "CHAIN_CONSTRAINTS_FAILURE", REASON_USAGE, document);
  else if (!bs_algorithm_digest_reliable_now (imprint_md) || !bs_algorithm_digest_reliable_now (token_signer_digest (token)))
    set_outcome (check, BS_TIMESTAMP_UNPROVEN, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", REASON_WEAK, document);
  else if (!chain_trusted (c, check->tsa, certs, check->time))
    set_outcome (check, BS_TIMESTAMP_UNPROVEN, "NO_CERTIFICATE_CHAIN_FOUND", REASON_UNTRUSTED, document);
  else
    check->status = BS_TIMESTAMP_PROVEN;
}

static void
check_token (BsVerifyCrypto *c, const guint8 *der, gsize len, DigestFn digest_fn, gpointer data,
             BsTimestampCheck *check, gboolean document)
{
  const unsigned char *p = der;
  PKCS7 *token = d2i_PKCS7 (NULL, &p, (long) len);
  TS_TST_INFO *info = token ? PKCS7_to_TS_TST_INFO (token) : NULL;
  TS_MSG_IMPRINT *mi = info ? TS_TST_INFO_get_msg_imprint (info) : NULL;
  const ASN1_OBJECT *oid = NULL;
  const EVP_MD *md = NULL;
  ASN1_OCTET_STRING *imprint = mi ? TS_MSG_IMPRINT_get_msg (mi) : NULL;
  STACK_OF (X509) *certs = NULL, *signers = NULL;
  guint8 digest[EVP_MAX_MD_SIZE];
  guint dlen = 0;

  if (mi != NULL)
    {
      X509_ALGOR_get0 (&oid, NULL, NULL, TS_MSG_IMPRINT_get_algo (mi));
      md = EVP_get_digestbyobj (oid);
    }
  if (imprint == NULL)
    set_outcome (check, BS_TIMESTAMP_FAILED, "FORMAT_FAILURE", REASON_MALFORMED, document);
  else if (md == NULL)
    set_outcome (check, BS_TIMESTAMP_UNKNOWN, "CRYPTO_CONSTRAINTS_FAILURE", REASON_UNSUPPORTED_DIGEST, document);
  else if (!digest_fn (data, md, digest, &dlen) || (guint) ASN1_STRING_length (imprint) != dlen
           || CRYPTO_memcmp (ASN1_STRING_get0_data (imprint), digest, dlen) != 0)
    set_outcome (check, BS_TIMESTAMP_FAILED, "HASH_FAILURE", REASON_IMPRINT, document);
  else if ((certs = candidate_certificates (c, token)) == NULL
           || (signers = PKCS7_get0_signers (token, certs, 0)) == NULL || sk_X509_num (signers) < 1)
    set_outcome (check, BS_TIMESTAMP_UNKNOWN, "NO_SIGNING_CERTIFICATE_FOUND", REASON_NO_TSA_CERTIFICATE, document);
  else if (PKCS7_verify (token, certs, NULL, NULL, NULL, PKCS7_NOVERIFY) != 1
           || (check->time = bs_asn1_time_to_datetime (TS_TST_INFO_get_time (info))) == NULL)
    set_outcome (check, BS_TIMESTAMP_FAILED, "SIG_CRYPTO_FAILURE", REASON_SIGNATURE, document);
  else
    {
      check->tsa = X509_dup (sk_X509_value (signers, 0));
      check->authority = bs_cert_info_common_name (check->tsa);
      judge_authority (c, token, md, certs, check, document);
    }
  sk_X509_free (signers);
  sk_X509_free (certs);
  TS_TST_INFO_free (info);
  PKCS7_free (token);
  ERR_clear_error ();
}

void
bs_timestamp_check_clear (BsTimestampCheck *check)
{
  g_clear_pointer (&check->time, g_date_time_unref);
  g_clear_pointer (&check->authority, g_free);
  g_clear_pointer (&check->tsa, X509_free);
  memset (check, 0, sizeof *check);
}

/* ---- signature time-stamps ------------------------------------------------ */

static gboolean
digest_bytes (gpointer data, const EVP_MD *md, guint8 *out, guint *len)
{
  GBytes *bytes = data;

  return EVP_Digest (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), out, len, md, NULL) == 1;
}

/* Proven beats failed beats the rest; of two proven, the earlier. */
static gboolean
better (const BsTimestampCheck *a, const BsTimestampCheck *b)
{
  static const int rank[] = {
    [BS_TIMESTAMP_NONE] = 0, [BS_TIMESTAMP_UNKNOWN] = 1, [BS_TIMESTAMP_UNPROVEN] = 2,
    [BS_TIMESTAMP_FAILED] = 3, [BS_TIMESTAMP_PROVEN] = 4,
  };

  if (a->status == BS_TIMESTAMP_PROVEN && b->status == BS_TIMESTAMP_PROVEN)
    return g_date_time_compare (a->time, b->time) < 0;
  return rank[a->status] > rank[b->status];
}

void
bs_timestamp_check_signature (BsVerifyCrypto *c, CMS_SignerInfo *si, GBytes *signature_value,
                              BsTimestampCheck *check)
{
  memset (check, 0, sizeof *check);
  for (int loc = -1; (loc = CMS_unsigned_get_attr_by_NID (si, NID_id_smime_aa_timeStampToken, loc)) >= 0;)
    {
      X509_ATTRIBUTE *attr = CMS_unsigned_get_attr (si, loc);

      for (int i = 0; i < X509_ATTRIBUTE_count (attr); i++)
        {
          ASN1_TYPE *value = X509_ATTRIBUTE_get0_type (attr, i);
          BsTimestampCheck one = { 0 };

          if (value == NULL || value->type != V_ASN1_SEQUENCE)
            set_outcome (&one, BS_TIMESTAMP_FAILED, "FORMAT_FAILURE", REASON_MALFORMED, FALSE);
          else
            check_token (c, ASN1_STRING_get0_data (value->value.sequence),
                         (gsize) ASN1_STRING_length (value->value.sequence), digest_bytes, signature_value, &one, FALSE);
          if (better (&one, check))
            {
              bs_timestamp_check_clear (check);
              *check = one;
            }
          else
            bs_timestamp_check_clear (&one);
        }
    }
}

/* ---- document time-stamps -------------------------------------------------- */

typedef struct {
  int           fd;
  const gint64 *byte_range;
  GCancellable *cancellable;
} Ranges;

static gboolean
digest_ranges (gpointer data, const EVP_MD *md, guint8 *out, guint *len)
{
  Ranges *ranges = data;

  return bs_byte_range_digest (ranges->fd, ranges->byte_range, md, out, len, ranges->cancellable, NULL);
}

void
bs_timestamp_check_document (BsVerifyCrypto *c, BsSignatureReport *r, int fd, GCancellable *cancellable)
{
  gsize len;
  const guint8 *der = g_bytes_get_data (r->field->contents, &len);
  Ranges ranges = { fd, r->field->byte_range, cancellable };
  BsTimestampCheck check = { 0 };

  r->format = g_strdup ("PAdES-DOCUMENT-TIMESTAMP");
  check_token (c, der, len, digest_ranges, &ranges, &check, TRUE);
  if (check.status == BS_TIMESTAMP_FAILED)
    bs_report_broken (r, check.sub_indication, check.problem);
  else if (check.status == BS_TIMESTAMP_UNKNOWN)
    bs_report_unknown (r, check.sub_indication, check.problem);
  else
    {
      r->integrity = BS_INTEGRITY_INTACT;
      r->timestamp_time = g_date_time_ref (check.time);
      g_clear_pointer (&r->signing_time, g_date_time_unref);
      r->signing_time = g_date_time_ref (check.time);
      r->time_from_timestamp = TRUE;
      r->signer_name = g_strdup (check.authority);
      r->timestamp_authority = g_strdup (check.authority);
      g_ptr_array_add (r->certificates, bs_cert_info_new (check.tsa));
      r->trust = BS_TRUST_TRUSTED;
      if (check.status == BS_TIMESTAMP_PROVEN)
        r->indication = g_strdup ("TOTAL_PASSED");
      else
        bs_report_degrade (r, check.trust, "INDETERMINATE", check.sub_indication, check.problem);
    }
  bs_timestamp_check_clear (&check);
}
