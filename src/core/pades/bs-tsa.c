/* bs-tsa.c — see bs-tsa.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-tsa.h"
#include "bs-error.h"
#include "bs-http.h"

#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <string.h>

#define TSA_TIMEOUT 30
#define MAX_REPLY (256 * 1024)

static TS_REQ *
make_request (const guint8 digest[32], ASN1_INTEGER **nonce_out)
{
  TS_REQ *req = TS_REQ_new ();
  TS_MSG_IMPRINT *imprint = TS_MSG_IMPRINT_new ();
  X509_ALGOR *alg = X509_ALGOR_new ();
  BIGNUM *bn = BN_new ();
  ASN1_INTEGER *nonce;

  X509_ALGOR_set0 (alg, OBJ_nid2obj (NID_sha256), V_ASN1_NULL, NULL);
  TS_MSG_IMPRINT_set_algo (imprint, alg);
  TS_MSG_IMPRINT_set_msg (imprint, (unsigned char *) digest, 32);
  TS_REQ_set_version (req, 1);
  TS_REQ_set_msg_imprint (req, imprint);
  /* A 64-bit random nonce binds the reply to this request. */
  BN_rand (bn, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  nonce = BN_to_ASN1_INTEGER (bn, NULL);
  TS_REQ_set_nonce (req, nonce);
  TS_REQ_set_cert_req (req, 1);
  *nonce_out = nonce;
  BN_free (bn);
  X509_ALGOR_free (alg);
  TS_MSG_IMPRINT_free (imprint);
  return req;
}

static GBytes *
request_der (TS_REQ *req)
{
  unsigned char *der = NULL;
  int len = i2d_TS_REQ (req, &der);
  GBytes *out = len > 0 ? g_bytes_new (der, (gsize) len) : NULL;

  OPENSSL_free (der);
  return out;
}

static gboolean
fail (GError **error, const char *message)
{
  ERR_clear_error ();
  g_set_error (error, BS_ERROR, BS_ERROR_CRYPTO, _("The time-stamp authority's answer is not usable: %s"), message);
  return FALSE;
}

/* Status granted, our imprint and nonce, a signature that verifies. */
static gboolean
check_reply (TS_RESP *resp, const guint8 digest[32], const ASN1_INTEGER *nonce, GError **error)
{
  TS_STATUS_INFO *status = TS_RESP_get_status_info (resp);
  long code = ASN1_INTEGER_get (TS_STATUS_INFO_get0_status (status));
  TS_TST_INFO *info = TS_RESP_get_tst_info (resp);
  PKCS7 *token = TS_RESP_get_token (resp);
  TS_MSG_IMPRINT *imprint;
  ASN1_OCTET_STRING *hashed;
  unsigned char *der = NULL;
  const unsigned char *p;
  CMS_ContentInfo *cms;
  int len;
  gboolean signed_ok;

  if (code != 0 && code != 1)
    return fail (error, _("the request was refused"));
  if (info == NULL || token == NULL)
    return fail (error, _("no time-stamp token"));
  imprint = TS_TST_INFO_get_msg_imprint (info);
  hashed = TS_MSG_IMPRINT_get_msg (imprint);
  if (OBJ_obj2nid (TS_MSG_IMPRINT_get_algo (imprint)->algorithm) != NID_sha256 || ASN1_STRING_length (hashed) != 32
      || memcmp (ASN1_STRING_get0_data (hashed), digest, 32) != 0)
    return fail (error, _("it stamps something else"));
  if (TS_TST_INFO_get_nonce (info) == NULL || ASN1_INTEGER_cmp (TS_TST_INFO_get_nonce (info), nonce) != 0)
    return fail (error, _("the nonce differs"));
  /* The token's signature, with the certificate it carries. */
  len = i2d_PKCS7 (token, &der);
  p = der;
  cms = len > 0 ? d2i_CMS_ContentInfo (NULL, &p, len) : NULL;
  signed_ok = cms != NULL && CMS_verify (cms, NULL, NULL, NULL, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
  CMS_ContentInfo_free (cms);
  OPENSSL_free (der);
  return signed_ok ? TRUE : fail (error, _("its signature does not verify"));
}

static GBytes *
token_der (TS_RESP *resp)
{
  unsigned char *der = NULL;
  int len = i2d_PKCS7 (TS_RESP_get_token (resp), &der);
  GBytes *out = len > 0 ? g_bytes_new (der, (gsize) len) : NULL;

  OPENSSL_free (der);
  return out;
}

GBytes *
bs_tsa_timestamp (const char *url, const guint8 digest[32], GCancellable *cancellable, GError **error)
{
  ASN1_INTEGER *nonce = NULL;
  TS_REQ *req = make_request (digest, &nonce);
  g_autoptr(GBytes) body = request_der (req);
  BsHttpRequest request = {
    .method = "POST", .url = url, .content_type = "application/timestamp-query", .body = body,
    .timeout_seconds = TSA_TIMEOUT, .max_answer = MAX_REPLY, .flags = BS_HTTP_ALLOW_PLAIN_PKI,
  };
  g_autoptr(BsHttpResponse) response = NULL;
  TS_RESP *resp = NULL;
  GBytes *token = NULL;

  TS_REQ_free (req);
  response = body ? bs_http_send (&request, cancellable, error) : NULL;
  if (response != NULL && response->status != 200)
    g_set_error (error, BS_ERROR, BS_ERROR_CRYPTO, _("The time-stamp authority answered HTTP %ld"),
                 response->status);
  else if (response != NULL)
    {
      const unsigned char *p = g_bytes_get_data (response->body, NULL);
      resp = d2i_TS_RESP (NULL, &p, (long) g_bytes_get_size (response->body));
      if (resp == NULL)
        fail (error, _("it is not an RFC 3161 reply"));
      else if (check_reply (resp, digest, nonce, error))
        token = token_der (resp);
    }
  TS_RESP_free (resp);
  ASN1_INTEGER_free (nonce);
  return token;
}
