/* bs-revocation.c — OCSP responses and CRLs, verified, for one certificate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revocation.h"
#include "bs-http.h"

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <string.h>

#define FETCH_TIMEOUT 10
#define MAX_FETCH (4u * 1024 * 1024)

typedef struct {
  OCSP_BASICRESP *basic;
  char           *source;
} Ocsp;

typedef struct {
  X509_CRL *crl;
  char     *source;
} Crl;

struct _BsValidationData {
  GPtrArray       *ocsps;   /* Ocsp */
  GPtrArray       *crls;    /* Crl */
  STACK_OF (X509) *certs;
};

/* RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF
 * CertificateList OPTIONAL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse
 * OPTIONAL, otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }
 * (Adobe, ISO 32000-1 12.8.3.3.2). Members are kept as ANY and decoded one
 * by one so that one bad member does not hide the others. */
typedef struct {
  STACK_OF (ASN1_TYPE) *crls;
  STACK_OF (ASN1_TYPE) *ocsps;
  STACK_OF (ASN1_TYPE) *other;
} BS_REVINFO;

DECLARE_ASN1_FUNCTIONS (BS_REVINFO)
ASN1_SEQUENCE (BS_REVINFO) = {
  ASN1_EXP_SEQUENCE_OF_OPT (BS_REVINFO, crls, ASN1_ANY, 0),
  ASN1_EXP_SEQUENCE_OF_OPT (BS_REVINFO, ocsps, ASN1_ANY, 1),
  ASN1_EXP_SEQUENCE_OF_OPT (BS_REVINFO, other, ASN1_ANY, 2),
} ASN1_SEQUENCE_END (BS_REVINFO)
IMPLEMENT_ASN1_FUNCTIONS (BS_REVINFO)

static void
ocsp_free (Ocsp *o)
{
  OCSP_BASICRESP_free (o->basic);
  g_free (o->source);
  g_free (o);
}

static void
crl_free (Crl *c)
{
  X509_CRL_free (c->crl);
  g_free (c->source);
  g_free (c);
}

BsValidationData *
bs_validation_data_new (void)
{
  BsValidationData *d = g_new0 (BsValidationData, 1);

  d->ocsps = g_ptr_array_new_with_free_func ((GDestroyNotify) ocsp_free);
  d->crls = g_ptr_array_new_with_free_func ((GDestroyNotify) crl_free);
  d->certs = sk_X509_new_null ();
  return d;
}

void
bs_validation_data_free (BsValidationData *d)
{
  if (d == NULL)
    return;
  g_ptr_array_unref (d->ocsps);
  g_ptr_array_unref (d->crls);
  sk_X509_pop_free (d->certs, X509_free);
  g_free (d);
}

GPtrArray *
bs_validation_data_dup_der (BsValidationData *d, gboolean ocsp)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GPtrArray *items = ocsp ? d->ocsps : d->crls;

  for (guint i = 0; i < items->len; i++)
    {
      unsigned char *der = NULL;
      int len;
      if (ocsp)
        {
          /* DSS /OCSPs hold whole OCSPResponses (ETSI EN 319 142-1 5.4.2.2). */
          OCSP_RESPONSE *resp = OCSP_response_create (OCSP_RESPONSE_STATUS_SUCCESSFUL,
                                                      ((Ocsp *) g_ptr_array_index (items, i))->basic);
          len = i2d_OCSP_RESPONSE (resp, &der);
          OCSP_RESPONSE_free (resp);
        }
      else
        len = i2d_X509_CRL (((Crl *) g_ptr_array_index (items, i))->crl, &der);
      if (len > 0)
        g_ptr_array_add (out, g_bytes_new (der, (gsize) len));
      OPENSSL_free (der);
    }
  return out;
}

STACK_OF (X509) *
bs_validation_data_get_certs (BsValidationData *d)
{
  return d->certs;
}

void
bs_validation_data_add_ocsp (BsValidationData *d, const guint8 *der, gsize len, const char *source)
{
  const unsigned char *p = der;
  OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE (NULL, &p, (long) len);
  OCSP_BASICRESP *basic = NULL;

  if (resp != NULL && OCSP_response_status (resp) == OCSP_RESPONSE_STATUS_SUCCESSFUL)
    basic = OCSP_response_get1_basic (resp);
  if (basic == NULL)
    {
      /* DSS streams may hold a bare BasicOCSPResponse. */
      p = der;
      basic = d2i_OCSP_BASICRESP (NULL, &p, (long) len);
    }
  OCSP_RESPONSE_free (resp);
  ERR_clear_error ();
  if (basic != NULL)
    {
      Ocsp *o = g_new0 (Ocsp, 1);
      o->basic = basic;
      o->source = g_strdup_printf ("OCSP (%s)", source);
      g_ptr_array_add (d->ocsps, o);
    }
}

void
bs_validation_data_add_crl (BsValidationData *d, const guint8 *der, gsize len, const char *source)
{
  const unsigned char *p = der;
  X509_CRL *crl = d2i_X509_CRL (NULL, &p, (long) len);

  ERR_clear_error ();
  if (crl != NULL)
    {
      Crl *c = g_new0 (Crl, 1);
      c->crl = crl;
      c->source = g_strdup_printf ("CRL (%s)", source);
      g_ptr_array_add (d->crls, c);
    }
}

void
bs_validation_data_add_cert (BsValidationData *d, const guint8 *der, gsize len)
{
  const unsigned char *p = der;
  X509 *cert = d2i_X509 (NULL, &p, (long) len);

  ERR_clear_error ();
  if (cert != NULL)
    sk_X509_push (d->certs, cert);
}

static void
add_members (BsValidationData *d, STACK_OF (ASN1_TYPE) *members, gboolean ocsp)
{
  for (int i = 0; members != NULL && i < sk_ASN1_TYPE_num (members); i++)
    {
      ASN1_TYPE *t = sk_ASN1_TYPE_value (members, i);
      unsigned char *der = NULL;
      int len = i2d_ASN1_TYPE (t, &der);

      if (len > 0 && ocsp)
        bs_validation_data_add_ocsp (d, der, (gsize) len, "signature");
      else if (len > 0)
        bs_validation_data_add_crl (d, der, (gsize) len, "signature");
      OPENSSL_free (der);
    }
}

void
bs_validation_data_add_archival (BsValidationData *d, const guint8 *der, gsize len)
{
  const unsigned char *p = der;
  BS_REVINFO *info = d2i_BS_REVINFO (NULL, &p, (long) len);

  ERR_clear_error ();
  if (info == NULL)
    return;
  add_members (d, info->crls, FALSE);
  add_members (d, info->ocsps, TRUE);
  BS_REVINFO_free (info);
}

static GDateTime *
to_datetime (const ASN1_GENERALIZEDTIME *t)
{
  struct tm tm;

  if (t == NULL || !ASN1_TIME_to_tm (t, &tm))
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                              tm.tm_min, tm.tm_sec);
}

static const char *
reason_name (int reason)
{
  switch (reason)
    {
    case OCSP_REVOKED_STATUS_UNSPECIFIED: return "unspecified";
    case OCSP_REVOKED_STATUS_KEYCOMPROMISE: return "keyCompromise";
    case OCSP_REVOKED_STATUS_CACOMPROMISE: return "cACompromise";
    case OCSP_REVOKED_STATUS_AFFILIATIONCHANGED: return "affiliationChanged";
    case OCSP_REVOKED_STATUS_SUPERSEDED: return "superseded";
    case OCSP_REVOKED_STATUS_CESSATIONOFOPERATION: return "cessationOfOperation";
    case OCSP_REVOKED_STATUS_CERTIFICATEHOLD: return "certificateHold";
    case OCSP_REVOKED_STATUS_REMOVEFROMCRL: return "removeFromCRL";
    default: return NULL;
    }
}

static gboolean
check_ocsp (Ocsp *o, X509 *cert, X509 *issuer, STACK_OF (X509) *certs, X509_STORE *store,
            BsRevocationResult *result)
{
  const EVP_MD *mds[] = { EVP_sha1 (), EVP_sha256 () };
  STACK_OF (X509) *untrusted = sk_X509_dup (certs);
  gboolean found = FALSE;

  sk_X509_push (untrusted, issuer);
  /* The responder is the issuer or a delegate with id-kp-OCSPSigning. */
  if (OCSP_basic_verify (o->basic, untrusted, store, 0) <= 0)
    {
      sk_X509_free (untrusted);
      ERR_clear_error ();
      return FALSE;
    }
  sk_X509_free (untrusted);
  for (gsize i = 0; i < G_N_ELEMENTS (mds) && !found; i++)
    {
      OCSP_CERTID *id = OCSP_cert_to_id (mds[i], cert, issuer);
      int status = -1, reason = -1;
      ASN1_GENERALIZEDTIME *revtime = NULL, *thisupd = NULL, *nextupd = NULL;

      if (id != NULL && OCSP_resp_find_status (o->basic, id, &status, &reason, &revtime, &thisupd, &nextupd)
          && status != V_OCSP_CERTSTATUS_UNKNOWN)
        {
          found = TRUE;
          result->status = status == V_OCSP_CERTSTATUS_REVOKED ? BS_REVOCATION_REVOKED : BS_REVOCATION_GOOD;
          result->revoked_at = status == V_OCSP_CERTSTATUS_REVOKED ? to_datetime (revtime) : NULL;
          result->reason = g_strdup (reason_name (reason));
          result->source = g_strdup (o->source);
        }
      OCSP_CERTID_free (id);
    }
  ERR_clear_error ();
  return found;
}

static gboolean
check_crl (Crl *c, X509 *cert, X509 *issuer, BsRevocationResult *result)
{
  X509_REVOKED *revoked = NULL;
  ASN1_ENUMERATED *reason;

  if (X509_NAME_cmp (X509_CRL_get_issuer (c->crl), X509_get_subject_name (issuer)) != 0
      || X509_CRL_verify (c->crl, X509_get0_pubkey (issuer)) != 1)
    {
      ERR_clear_error ();
      return FALSE;
    }
  result->source = g_strdup (c->source);
  if (X509_CRL_get0_by_cert (c->crl, &revoked, cert) != 1 || revoked == NULL)
    {
      result->status = BS_REVOCATION_GOOD;
      return TRUE;
    }
  result->status = BS_REVOCATION_REVOKED;
  result->revoked_at = to_datetime (X509_REVOKED_get0_revocationDate (revoked));
  reason = X509_REVOKED_get_ext_d2i (revoked, NID_crl_reason, NULL, NULL);
  result->reason = g_strdup (reason_name (reason ? (int) ASN1_ENUMERATED_get (reason) : -1));
  ASN1_ENUMERATED_free (reason);
  ERR_clear_error ();
  return TRUE;
}

void
bs_revocation_check (BsValidationData *d, X509 *cert, X509 *issuer, X509_STORE *store,
                     BsRevocationResult *result)
{
  memset (result, 0, sizeof *result);
  if (issuer == NULL)
    return;
  /* A revoked answer from any verified source wins over a good one. */
  for (guint i = 0; i < d->ocsps->len && result->status != BS_REVOCATION_REVOKED; i++)
    {
      BsRevocationResult r = { 0 };
      if (check_ocsp (g_ptr_array_index (d->ocsps, i), cert, issuer, d->certs, store, &r)
          && (result->status == BS_REVOCATION_UNKNOWN || r.status == BS_REVOCATION_REVOKED))
        {
          bs_revocation_result_clear (result);
          *result = r;
        }
      else
        bs_revocation_result_clear (&r);
    }
  for (guint i = 0; i < d->crls->len && result->status != BS_REVOCATION_REVOKED; i++)
    {
      BsRevocationResult r = { 0 };
      if (check_crl (g_ptr_array_index (d->crls, i), cert, issuer, &r)
          && (result->status == BS_REVOCATION_UNKNOWN || r.status == BS_REVOCATION_REVOKED))
        {
          bs_revocation_result_clear (result);
          *result = r;
        }
      else
        bs_revocation_result_clear (&r);
    }
}

void
bs_revocation_result_clear (BsRevocationResult *result)
{
  g_clear_pointer (&result->revoked_at, g_date_time_unref);
  g_clear_pointer (&result->reason, g_free);
  g_clear_pointer (&result->source, g_free);
  result->status = BS_REVOCATION_UNKNOWN;
}

static GBytes *
fetch (const char *method, const char *url, const char *content_type, GBytes *body, const char *ca_file,
       GCancellable *cancellable)
{
  BsHttpRequest request = {
    .method = method, .url = url, .content_type = content_type, .body = body, .ca_file = ca_file,
    .timeout_seconds = FETCH_TIMEOUT, .max_answer = MAX_FETCH, .flags = BS_HTTP_ALLOW_PLAIN_PKI,
  };
  g_autoptr(BsHttpResponse) response = bs_http_send (&request, cancellable, NULL);

  if (response == NULL || response->status != 200)
    return NULL;
  return g_bytes_ref (response->body);
}

static gboolean
fetch_ocsp (BsValidationData *d, X509 *cert, X509 *issuer, const char *ca_file, GCancellable *cancellable)
{
  STACK_OF (OPENSSL_STRING) *urls = X509_get1_ocsp (cert);
  OCSP_REQUEST *req = OCSP_REQUEST_new ();
  OCSP_CERTID *id = OCSP_cert_to_id (NULL, cert, issuer);
  unsigned char *der = NULL;
  int len;
  gboolean ok = FALSE;

  if (id == NULL || OCSP_request_add0_id (req, id) == NULL)
    OCSP_CERTID_free (id);
  len = i2d_OCSP_REQUEST (req, &der);
  for (int i = 0; len > 0 && urls != NULL && i < sk_OPENSSL_STRING_num (urls) && !ok; i++)
    {
      g_autoptr(GBytes) body = g_bytes_new (der, (gsize) len);
      g_autoptr(GBytes) answer = fetch ("POST", sk_OPENSSL_STRING_value (urls, i),
                                        "application/ocsp-request", body, ca_file, cancellable);
      guint before = d->ocsps->len;
      if (answer != NULL)
        bs_validation_data_add_ocsp (d, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), "online");
      ok = d->ocsps->len > before;
    }
  OPENSSL_free (der);
  OCSP_REQUEST_free (req);
  X509_email_free (urls);
  ERR_clear_error ();
  return ok;
}

static gboolean
fetch_crl (BsValidationData *d, X509 *cert, const char *ca_file, GCancellable *cancellable)
{
  STACK_OF (DIST_POINT) *points = X509_get_ext_d2i (cert, NID_crl_distribution_points, NULL, NULL);
  gboolean ok = FALSE;

  for (int i = 0; points != NULL && i < sk_DIST_POINT_num (points) && !ok; i++)
    {
      DIST_POINT *dp = sk_DIST_POINT_value (points, i);
      GENERAL_NAMES *names = dp->distpoint && dp->distpoint->type == 0 ? dp->distpoint->name.fullname : NULL;

      for (int j = 0; names != NULL && j < sk_GENERAL_NAME_num (names) && !ok; j++)
        {
          GENERAL_NAME *gn = sk_GENERAL_NAME_value (names, j);
          g_autofree char *url = NULL;
          g_autoptr(GBytes) answer = NULL;
          guint before = d->crls->len;

          if (gn->type != GEN_URI)
            continue;
          url = g_strndup ((const char *) ASN1_STRING_get0_data (gn->d.uniformResourceIdentifier),
                           (gsize) ASN1_STRING_length (gn->d.uniformResourceIdentifier));
          answer = fetch ("GET", url, NULL, NULL, ca_file, cancellable);
          if (answer != NULL)
            bs_validation_data_add_crl (d, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), "online");
          ok = d->crls->len > before;
        }
    }
  CRL_DIST_POINTS_free (points);
  ERR_clear_error ();
  return ok;
}

gboolean
bs_revocation_fetch (BsValidationData *d, X509 *cert, X509 *issuer, const char *ca_file, GCancellable *cancellable)
{
  if (issuer == NULL)
    return FALSE;
  return fetch_ocsp (d, cert, issuer, ca_file, cancellable) || fetch_crl (d, cert, ca_file, cancellable);
}
