/* bs-verify-chain.c — chain, key usage and revocation of a signer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-chain.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

X509_STORE *
bs_verify_crypto_store_at (BsVerifyCrypto *c, GDateTime *when)
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

STACK_OF (X509) *
bs_chain_check (BsVerifyCrypto *c, BsSignatureReport *r, X509 *signer, STACK_OF (X509) *certs, GDateTime *when)
{
  X509_STORE *store = bs_verify_crypto_store_at (c, when);
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  const char *sub = NULL;
  uint32_t usage = X509_get_key_usage (signer);
  gboolean chained = X509_STORE_CTX_init (ctx, store, signer, certs) == 1 && X509_verify_cert (ctx) == 1;
  STACK_OF (X509) *chain = chained ? X509_STORE_CTX_get1_chain (ctx) : NULL;

  r->trust = BS_TRUST_TRUSTED;
  if (!chained)
    {
      const char *text = describe_chain_error (X509_STORE_CTX_get_error (ctx), &sub);
      bs_report_degrade (r, BS_TRUST_UNTRUSTED, "INDETERMINATE", sub, text);
    }
  else if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    bs_report_degrade (r, BS_TRUST_UNTRUSTED, "INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE",
                       _("The signer's certificate may not be used for signatures (key usage)"));
  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  ERR_clear_error ();
  return chain;
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

static gboolean
is_anchor (BsVerifyCrypto *c, X509 *cert)
{
  for (int i = 0; i < sk_X509_num (c->anchors); i++)
    if (X509_cmp (sk_X509_value (c->anchors, i), cert) == 0)
      return TRUE;
  return FALSE;
}

/* RFC 5280 4.2.1.13 and 4.2.2.1: where the certificate's status is
 * published. */
static gboolean
names_revocation_source (X509 *cert)
{
  STACK_OF (DIST_POINT) *points = X509_get_ext_d2i (cert, NID_crl_distribution_points, NULL, NULL);
  STACK_OF (OPENSSL_STRING) *ocsp = X509_get1_ocsp (cert);
  gboolean named = sk_DIST_POINT_num (points) > 0 || sk_OPENSSL_STRING_num (ocsp) > 0;

  CRL_DIST_POINTS_free (points);
  X509_email_free (ocsp);
  ERR_clear_error ();
  return named;
}

static char *
format_time (GDateTime *t)
{
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

static void
judge_unknown (BsVerifyCrypto *c, BsSignatureReport *r, X509 *signer)
{
  /* EN 319 102-1 5.2.5 / DSS RevocationDataAvailable: a certificate that
   * promises revocation information is not trusted without it. */
  if (r->trust == BS_TRUST_TRUSTED && !is_anchor (c, signer) && names_revocation_source (signer))
    {
      r->revocation = g_strdup (_("not checked: no revocation data could be obtained"));
      bs_report_degrade (r, BS_TRUST_INDETERMINATE, "INDETERMINATE", "TRY_LATER",
                         c->online ? _("The revocation status of the signer's certificate could not be checked: its "
                                       "OCSP responder and CRL did not answer. Try again later, or verify a copy with "
                                       "validation data (PAdES B-LT)")
                                   : _("The revocation status of the signer's certificate could not be checked: the "
                                       "signature carries no revocation data. Checking online (--online) or a copy "
                                       "with validation data (PAdES B-LT) would decide it"));
    }
  else
    r->revocation = g_strdup (_("no revocation data for the signer's certificate"));
}

/* Issue rules (and ETSI EN 319 102-1 5.6.2.4): revoked before the signing
 * time, or revoked with no time-stamp to prove the signing time, makes the
 * signature invalid; revoked after a time-stamped signing time does not. */
static void
judge_revocation (BsVerifyCrypto *c, BsSignatureReport *r, X509 *signer, BsRevocationResult *rev,
                  gboolean from_network)
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
      r->revocation = g_strdup_printf (_("revoked on %s (%s, %s), before the signing time or with no "
                                         "time-stamp to prove it"), when, reason, rev->source);
      bs_report_degrade (r, BS_TRUST_REVOKED, r->time_from_timestamp ? "TOTAL_FAILED" : "INDETERMINATE",
                         r->time_from_timestamp ? "REVOKED" : "REVOKED_NO_POE",
                         _("The signer's certificate is revoked"));
      break;
    case BS_REVOCATION_UNKNOWN:
    default:
      judge_unknown (c, r, signer);
      break;
    }
}

void
bs_chain_check_revocation (BsVerifyCrypto *c, BsSignatureReport *r, CMS_SignerInfo *si, X509 *signer,
                           STACK_OF (X509) *certs, GCancellable *cancellable)
{
  g_autoptr(BsValidationData) own = bs_validation_data_new ();
  /* adbe-revocationInfoArchival (ISO 32000-1 12.8.3.3.2). */
  ASN1_OBJECT *archival_oid = OBJ_txt2obj ("1.2.840.113583.1.1.8", 1);
  ASN1_STRING *archival = CMS_signed_get0_data_by_OBJ (si, archival_oid, -3, V_ASN1_SEQUENCE);
  X509 *issuer = find_issuer (c, signer, certs);
  X509_STORE *store = bs_verify_crypto_store_at (c, NULL);
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
      && bs_revocation_fetch (own, signer, issuer, c->online_ca_file, cancellable))
    {
      from_network = TRUE;
      bs_revocation_check (own, signer, issuer, store, &rev);
    }
  judge_revocation (c, r, signer, &rev, from_network);
  bs_revocation_result_clear (&rev);
  X509_STORE_free (store);
  ASN1_OBJECT_free (archival_oid);
  ERR_clear_error ();
}
