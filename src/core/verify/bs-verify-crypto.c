/* bs-verify-crypto.c — the cryptographic half of verifying one PDF
 * signature (RFC 5652, RFC 3161, RFC 5280, ETSI EN 319 142-1 and 319
 * 102-1): for every SignerInfo, its shape and algorithms
 * (bs-verify-cms.c), its signature time-stamp (bs-verify-timestamp.c),
 * its chain and revocation (bs-verify-chain.c) and the algorithm policy
 * at the proven time (bs-verify-algorithms.c); then one report for the
 * field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-crypto-private.h"
#include "bs-cert-info.h"
#include "bs-trust-anchors.h"
#include "bs-verify-algorithms.h"
#include "bs-verify-attributes.h"
#include "bs-verify-chain.h"
#include "bs-verify-cms.h"
#include "bs-verify-timestamp.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>

BsVerifyCrypto *
bs_verify_crypto_new (const BsVerifyOptions *options)
{
  BsVerifyCrypto *c = g_new0 (BsVerifyCrypto, 1);

  c->anchors = bs_trust_anchors_load ((const char * const *) options->trust_paths);
  c->online = options->online;
  c->online_ca_file = g_strdup (options->online_ca_file);
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
  g_free (c->online_ca_file);
  g_free (c);
}

void
bs_verify_crypto_set_document_data (BsVerifyCrypto *c, BsValidationData *data)
{
  bs_validation_data_free (c->document_data);
  c->document_data = data;
}

/* ---- writing findings ----------------------------------------------------- */

void
bs_report_problem (BsSignatureReport *r, const char *text)
{
  g_ptr_array_add (r->problems, g_strdup (text));
}

static void
set_indication (BsSignatureReport *r, const char *indication, const char *sub_indication)
{
  g_free (r->indication);
  g_free (r->sub_indication);
  r->indication = g_strdup (indication);
  r->sub_indication = g_strdup (sub_indication);
}

void
bs_report_broken (BsSignatureReport *r, const char *sub_indication, const char *text)
{
  r->integrity = BS_INTEGRITY_BROKEN;
  set_indication (r, "TOTAL_FAILED", sub_indication);
  bs_report_problem (r, text);
  ERR_clear_error ();
}

void
bs_report_unknown (BsSignatureReport *r, const char *sub_indication, const char *text)
{
  r->integrity = BS_INTEGRITY_UNKNOWN;
  set_indication (r, "INDETERMINATE", sub_indication);
  bs_report_problem (r, text);
  ERR_clear_error ();
}

static int
trust_rank (BsTrust trust)
{
  switch (trust)
    {
    case BS_TRUST_NOT_CHECKED: return -1;
    case BS_TRUST_TRUSTED: return 0;
    case BS_TRUST_UNTRUSTED: return 1;
    case BS_TRUST_INDETERMINATE: return 2;
    case BS_TRUST_REVOKED:
    default: return 3;
    }
}

void
bs_report_degrade (BsSignatureReport *r, BsTrust trust, const char *indication, const char *sub_indication,
                   const char *text)
{
  if (text != NULL)
    bs_report_problem (r, text);
  if (trust_rank (trust) <= trust_rank (r->trust))
    return;
  r->trust = trust;
  if (g_strcmp0 (r->indication, "TOTAL_FAILED") != 0)
    set_indication (r, indication, sub_indication);
}

GDateTime *
bs_asn1_time_to_datetime (const ASN1_TIME *t)
{
  struct tm tm;

  if (t == NULL || !ASN1_TIME_to_tm (t, &tm))
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                              tm.tm_min, tm.tm_sec);
}

char *
bs_format_date (GDateTime *t)
{
  return g_date_time_format (t, "%Y-%m-%d");
}

/* ---- one SignerInfo ------------------------------------------------------- */

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

/* The signingTime attribute (RFC 5652 11.3), which some signers set
 * instead of /M: still only a claim by the signer. */
static GDateTime *
cms_signing_time (CMS_SignerInfo *si)
{
  int loc = CMS_signed_get_attr_by_NID (si, NID_pkcs9_signingTime, -1);
  ASN1_TYPE *value = loc >= 0 ? X509_ATTRIBUTE_get0_type (CMS_signed_get_attr (si, loc), 0) : NULL;

  if (value == NULL || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
    return NULL;
  return bs_asn1_time_to_datetime (value->value.utctime);
}

static void
fill_identity (BsSignatureReport *r, CMS_ContentInfo *cms, CMS_SignerInfo *si, X509 *signer)
{
  STACK_OF (X509) *certs = CMS_get1_certs (cms);
  X509_ALGOR *dig = NULL, *sig = NULL;
  const ASN1_OBJECT *oid = NULL;
  char buf[128];

  CMS_SignerInfo_get0_algs (si, NULL, NULL, &dig, &sig);
  X509_ALGOR_get0 (&oid, NULL, NULL, dig);
  OBJ_obj2txt (buf, sizeof buf, oid, 0);
  r->digest_algorithm = g_ascii_strup (buf, -1);
  X509_ALGOR_get0 (&oid, NULL, NULL, sig);
  OBJ_obj2txt (buf, sizeof buf, oid, 0);
  r->signature_algorithm = g_strdup (buf);
  if (signer == NULL)
    goto out;
  r->signer_name = bs_cert_info_common_name (signer);
  g_ptr_array_add (r->certificates, bs_cert_info_new (signer));
  for (int i = 0; certs != NULL && i < sk_X509_num (certs); i++)
    if (X509_cmp (sk_X509_value (certs, i), signer) != 0)
      g_ptr_array_add (r->certificates, bs_cert_info_new (sk_X509_value (certs, i)));
out:
  sk_X509_pop_free (certs, X509_free);
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

/* Takes in what the signature time-stamp proves; returns the time the
 * chain is checked at (transfer none; NULL: now). */
static GDateTime *
apply_timestamp (BsSignatureReport *r, BsTimestampCheck *ts)
{
  if (ts->status == BS_TIMESTAMP_NONE)
    return r->signing_time;
  if (ts->problem != NULL)
    bs_report_problem (r, ts->problem);
  if (ts->time != NULL)
    {
      r->timestamp_time = g_date_time_ref (ts->time);
      r->timestamp_authority = g_strdup (ts->authority);
    }
  if (ts->status == BS_TIMESTAMP_PROVEN)
    {
      r->time_from_timestamp = TRUE;
      note_clock_skew (r);
      g_clear_pointer (&r->signing_time, g_date_time_unref);
      r->signing_time = g_date_time_ref (ts->time);
      return r->signing_time;
    }
  /* EN 319 102-1 5.6.2: a time-stamp that does not verify is a failed
   * proof of existence; nothing vouches for the claimed time either. */
  if (ts->status == BS_TIMESTAMP_FAILED)
    return NULL;
  return r->signing_time;
}

static void
judge_algorithms (BsSignatureReport *r, const BsCmsSigner *s, STACK_OF (X509) *chain, GDateTime *poe)
{
  g_autoptr(GArray) uses = bs_algorithm_uses_new ();
  BsAlgorithmUse use = {
    .what = _("The signature"), .digest_nid = s->md_nid, .key = s->key, .produced = X509_get0_notBefore (s->cert),
  };

  g_array_append_val (uses, use);
  /* adbe.pkcs7.sha1 signs a SHA-1 digest of the document whatever the
   * signer's digest is. */
  if (g_strcmp0 (r->field->sub_filter, "/adbe.pkcs7.sha1") == 0)
    {
      BsAlgorithmUse document = { .what = _("The document digest of adbe.pkcs7.sha1"), .digest_nid = NID_sha1 };
      g_array_append_val (uses, document);
    }
  bs_algorithms_add_chain (uses, chain);
  bs_algorithms_judge (r, (const BsAlgorithmUse *) (void *) uses->data, uses->len, poe);
}

static STACK_OF (X509) *
all_certificates (BsVerifyCrypto *c, CMS_ContentInfo *cms)
{
  STACK_OF (X509) *certs = CMS_get1_certs (cms);
  STACK_OF (X509) *dss = bs_validation_data_get_certs (c->document_data);

  if (certs == NULL)
    certs = sk_X509_new_null ();
  for (int i = 0; i < sk_X509_num (dss); i++)
    {
      X509_up_ref (sk_X509_value (dss, i));
      sk_X509_push (certs, sk_X509_value (dss, i));
    }
  return certs;
}

static void
judge_trust (BsVerifyCrypto *c, BsSignatureReport *r, CMS_ContentInfo *cms, BsCmsSigner *s,
             GCancellable *cancellable)
{
  STACK_OF (X509) *certs = all_certificates (c, cms);
  BsTimestampCheck ts;
  GDateTime *chain_time;
  STACK_OF (X509) *chain;

  bs_timestamp_check_signature (c, s->si, s->signature, &ts);
  chain_time = apply_timestamp (r, &ts);
  r->format = g_strdup (format_of (r, r->timestamp_time != NULL));
  chain = bs_chain_check (c, r, s->cert, certs, chain_time);
  bs_chain_check_revocation (c, r, s->si, s->cert, certs, cancellable);
  judge_algorithms (r, s, chain, ts.status == BS_TIMESTAMP_PROVEN ? ts.time : NULL);
  /* One that cannot be checked (its authority's certificate is missing)
   * proves nothing either, like an untrusted one; one proven altered
   * leaves no time at all. */
  if (ts.status == BS_TIMESTAMP_FAILED)
    bs_report_degrade (r, BS_TRUST_INDETERMINATE, "INDETERMINATE", "NO_POE",
                       _("The signing time is not proven, so the signer's certificate was checked at the current time"));
  if (r->indication == NULL && r->trust == BS_TRUST_TRUSTED)
    r->indication = g_strdup ("TOTAL_PASSED");
  sk_X509_pop_free (chain, X509_free);
  sk_X509_pop_free (certs, X509_free);
  bs_timestamp_check_clear (&ts);
}

static void
judge_ess (BsSignatureReport *r, const BsCmsSigner *s)
{
  switch (bs_ess_match_signer (s->si, s->cert))
    {
    case BS_ESS_MISMATCH:
      bs_report_degrade (r, BS_TRUST_INDETERMINATE, "INDETERMINATE", "NO_SIGNING_CERTIFICATE_FOUND",
                         _("The signing-certificate attribute names another certificate than the signer's"));
      break;
    case BS_ESS_MALFORMED:
      bs_report_degrade (r, BS_TRUST_INDETERMINATE, "INDETERMINATE", "NO_SIGNING_CERTIFICATE_FOUND",
                         _("The signing-certificate attribute cannot be read"));
      break;
    case BS_ESS_MATCH:
    case BS_ESS_ABSENT:
    default:
      break;
    }
}

static void
judge_signer (BsVerifyCrypto *c, BsSignatureReport *r, CMS_ContentInfo *cms, CMS_SignerInfo *si,
              const BsCmsContent *content, GCancellable *cancellable)
{
  BsCmsSigner s;
  X509 *cert = NULL;

  CMS_SignerInfo_get0_algs (si, NULL, &cert, NULL, NULL);
  fill_identity (r, cms, si, cert);
  if (r->signing_time == NULL)
    r->signing_time = cms_signing_time (si);
  if (bs_cms_signer_resolve (r, si, &s) && bs_cms_verify_signer (r, content, &s, cancellable))
    {
      judge_ess (r, &s);
      if (r->trust != BS_TRUST_INDETERMINATE)
        judge_trust (c, r, cms, &s, cancellable);
    }
  bs_cms_signer_clear (&s);
  ERR_clear_error ();
}

/* ---- several SignerInfos -------------------------------------------------- */

static BsSignatureReport *
scratch_report (BsSignatureReport *r)
{
  BsSignatureReport *s = bs_signature_report_new (r->field);

  s->signing_time = r->signing_time ? g_date_time_ref (r->signing_time) : NULL;
  return s;
}

static void
scratch_free (BsSignatureReport *s)
{
  s->field = NULL;   /* borrowed */
  bs_signature_report_free (s);
}

static BsSignerOutcome *
outcome_of (BsSignatureReport *s)
{
  BsSignerOutcome *o = g_new0 (BsSignerOutcome, 1);

  o->signer_name = g_strdup (s->signer_name);
  o->integrity = s->integrity;
  o->trust = s->trust;
  o->indication = g_strdup (s->indication);
  o->sub_indication = g_strdup (s->sub_indication);
  o->problem = s->problems->len > 0 ? g_strdup (g_ptr_array_index (s->problems, 0)) : NULL;
  return o;
}

#define MOVE_STRING(f) do { g_free (r->f); r->f = g_steal_pointer (&from->f); } while (0)
#define SWAP_POINTER(f) do { gpointer tmp_ = r->f; r->f = from->f; from->f = tmp_; } while (0)

/* Moves the crypto findings of @from into @r (@from is freed next). */
static void
take_findings (BsSignatureReport *r, BsSignatureReport *from)
{
  r->integrity = from->integrity;
  r->trust = from->trust;
  r->time_from_timestamp = from->time_from_timestamp;
  r->ltv = from->ltv;
  MOVE_STRING (signer_name);
  MOVE_STRING (digest_algorithm);
  MOVE_STRING (signature_algorithm);
  MOVE_STRING (format);
  MOVE_STRING (timestamp_authority);
  MOVE_STRING (revocation);
  MOVE_STRING (indication);
  MOVE_STRING (sub_indication);
  SWAP_POINTER (signing_time);
  SWAP_POINTER (timestamp_time);
  SWAP_POINTER (certificates);
  SWAP_POINTER (problems);
}

static guint
primary_signer (GPtrArray *scratch)
{
  for (guint i = 0; i < scratch->len; i++)
    {
      BsSignatureReport *s = g_ptr_array_index (scratch, i);
      if (s->integrity == BS_INTEGRITY_INTACT && s->trust == BS_TRUST_TRUSTED)
        return i;
    }
  for (guint i = 0; i < scratch->len; i++)
    if (((BsSignatureReport *) g_ptr_array_index (scratch, i))->integrity == BS_INTEGRITY_INTACT)
      return i;
  return 0;
}

static void
judge_signers (BsVerifyCrypto *c, BsSignatureReport *r, CMS_ContentInfo *cms, const BsCmsContent *content,
               GCancellable *cancellable)
{
  STACK_OF (CMS_SignerInfo) *infos = CMS_get0_SignerInfos (cms);
  g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func ((GDestroyNotify) scratch_free);
  guint primary;
  gboolean any_broken = FALSE;

  for (int i = 0; i < sk_CMS_SignerInfo_num (infos); i++)
    {
      BsSignatureReport *s = scratch_report (r);
      g_ptr_array_add (scratch, s);
      judge_signer (c, s, cms, sk_CMS_SignerInfo_value (infos, i), content, cancellable);
      g_ptr_array_add (r->signers, outcome_of (s));
      any_broken |= s->integrity == BS_INTEGRITY_BROKEN;
    }
  primary = primary_signer (scratch);
  take_findings (r, g_ptr_array_index (scratch, primary));
  for (guint i = 0; i < scratch->len; i++)
    {
      BsSignerOutcome *o = g_ptr_array_index (r->signers, i);
      g_autofree char *text = NULL;
      if (i == primary || o->problem == NULL)
        continue;
      text = g_strdup_printf (_("Signer %u of %u (%s): %s"), i + 1, scratch->len,
                              o->signer_name ? o->signer_name : "?", o->problem);
      bs_report_problem (r, text);
      if (o->integrity == BS_INTEGRITY_BROKEN && r->integrity != BS_INTEGRITY_BROKEN)
        set_indication (r, "TOTAL_FAILED", o->sub_indication);
    }
  if (any_broken)
    r->integrity = BS_INTEGRITY_BROKEN;
}

/* ---- entry point ---------------------------------------------------------- */

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

static void
check_cms (BsVerifyCrypto *c, BsSignatureReport *r, int fd, CMS_ContentInfo *cms, GCancellable *cancellable)
{
  BsCmsContent content = { fd, r->field->byte_range, NULL };

  if (bs_cms_check_shape (r, cms, &content, cancellable))
    {
      /* Some signers leave their certificate out of the CMS and put it in
       * the document's DSS. */
      CMS_set1_signers_certs (cms, bs_validation_data_get_certs (c->document_data), 0);
      ERR_clear_error ();
      if (sk_CMS_SignerInfo_num (CMS_get0_SignerInfos (cms)) == 1)
        judge_signer (c, r, cms, sk_CMS_SignerInfo_value (CMS_get0_SignerInfos (cms), 0), &content, cancellable);
      else
        judge_signers (c, r, cms, &content, cancellable);
    }
  g_clear_pointer (&content.econtent, g_bytes_unref);
}

void
bs_verify_crypto_check (BsVerifyCrypto *c, BsSignatureReport *r, int fd, GCancellable *cancellable)
{
  CMS_ContentInfo *cms;

  r->signing_time = parse_pdf_date (r->field->signing_time);
  if (r->field->contents == NULL || g_bytes_get_size (r->field->contents) == 0)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signature has no /Contents"));
      return;
    }
  if (r->doc_timestamp)
    {
      bs_timestamp_check_document (c, r, fd, cancellable);
      return;
    }
  /* ISO 32000-2 deprecates it, and the signer's certificate (/Cert) is
   * not read: its SHA-1 signature could not be judged anyway without a
   * proof that it existed before SHA-1 stopped being reliable (2009). */
  if (g_strcmp0 (r->field->sub_filter, "/adbe.x509.rsa_sha1") == 0)
    {
      bs_report_unknown (r, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
                         _("The signature is in the adbe.x509.rsa_sha1 format: it signs a SHA-1 digest, reliable only "
                           "before 2009-01-01 (ETSI TS 119 312), and this verifier does not check that format"));
      return;
    }
  cms = parse_cms (r->field->contents);
  if (cms == NULL)
    {
      bs_report_broken (r, "FORMAT_FAILURE", _("The signature is not a well-formed CMS structure"));
      return;
    }
  check_cms (c, r, fd, cms, cancellable);
  CMS_ContentInfo_free (cms);
}
