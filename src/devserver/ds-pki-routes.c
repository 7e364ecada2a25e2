/* ds-pki-routes.c — POST /tsa (RFC 3161), POST /ocsp (RFC 6960),
 * GET /crl/{root,ca}.crl and GET /ca/{root,ca,tsa}.crt (RFC 5280).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-server.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <string.h>

/* A development-only policy arc for the TSA (not a registered OID). */
#define TSA_POLICY "1.3.6.1.4.1.99999.1.1"
#define OCSP_VALIDITY_SECONDS (24 * 3600)

static GBytes *
request_body (DsRequest *req)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
}

static void
reply_der (DsRequest *req, const char *type, unsigned char *der, int len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (der, (gsize) MAX (len, 0));

  ds_reply_bytes (req, type, bytes);
}

static ASN1_INTEGER *
random_serial (TS_RESP_CTX *ctx, void *data)
{
  BIGNUM *bn = BN_new ();
  ASN1_INTEGER *serial;

  BN_rand (bn, 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
  serial = BN_to_ASN1_INTEGER (bn, NULL);
  BN_free (bn);
  return serial;
}

static TS_RESP_CTX *
tsa_context (DsPki *pki)
{
  TS_RESP_CTX *ctx = TS_RESP_CTX_new ();
  STACK_OF (X509) *certs = sk_X509_new_null ();
  ASN1_OBJECT *policy = OBJ_txt2obj (TSA_POLICY, 1);

  sk_X509_push (certs, ds_pki_ca (pki));
  sk_X509_push (certs, ds_pki_root (pki));
  TS_RESP_CTX_set_signer_cert (ctx, ds_pki_tsa (pki));
  TS_RESP_CTX_set_signer_key (ctx, ds_pki_tsa_key (pki));
  TS_RESP_CTX_set_certs (ctx, certs);
  TS_RESP_CTX_set_def_policy (ctx, policy);
  TS_RESP_CTX_add_md (ctx, EVP_sha256 ());
  TS_RESP_CTX_add_md (ctx, EVP_sha384 ());
  TS_RESP_CTX_add_md (ctx, EVP_sha512 ());
  TS_RESP_CTX_set_signer_digest (ctx, EVP_sha256 ());
  TS_RESP_CTX_set_ess_cert_id_digest (ctx, EVP_sha256 ());
  TS_RESP_CTX_set_accuracy (ctx, 1, 0, 0);
  TS_RESP_CTX_set_serial_cb (ctx, random_serial, NULL);
  sk_X509_free (certs);
  ASN1_OBJECT_free (policy);
  return ctx;
}

static void
route_tsa (DsRequest *req)
{
  g_autoptr(GBytes) body = request_body (req);
  BIO *in = BIO_new_mem_buf (g_bytes_get_data (body, NULL), (int) g_bytes_get_size (body));
  TS_RESP_CTX *ctx = tsa_context (req->server->pki);
  TS_RESP *resp = TS_RESP_create_response (ctx, in);
  unsigned char *der = NULL;
  int len = resp ? i2d_TS_RESP (resp, &der) : -1;

  if (len > 0)
    reply_der (req, "application/timestamp-reply", der, len);
  else
    ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Stempel waktu tidak dapat dibuat", NULL);
  OPENSSL_free (der);
  TS_RESP_free (resp);
  TS_RESP_CTX_free (ctx);
  BIO_free (in);
  ERR_clear_error ();
}

static char *
serial_text (const ASN1_INTEGER *serial)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (serial, NULL);
  char *dec = bn ? BN_bn2dec (bn) : NULL;
  char *out = g_strdup (dec ? dec : "");

  OPENSSL_free (dec);
  BN_free (bn);
  return out;
}

/* Answers one CertID: good, revoked (with time and reason) or unknown. */
static void
add_status (DsRequest *req, OCSP_BASICRESP *bs, OCSP_CERTID *id, ASN1_TIME *now, ASN1_TIME *next)
{
  ASN1_OBJECT *md_oid = NULL;
  ASN1_INTEGER *serial = NULL;
  const EVP_MD *md;
  OCSP_CERTID *ca_id;
  g_autofree char *sn = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int status = V_OCSP_CERTSTATUS_UNKNOWN, reason = 0;
  ASN1_TIME *revtime = NULL;

  OCSP_id_get0_info (NULL, &md_oid, NULL, &serial, id);
  md = EVP_get_digestbyobj (md_oid);
  ca_id = md ? OCSP_cert_to_id (md, NULL, ds_pki_ca (req->server->pki)) : NULL;
  if (ca_id != NULL && OCSP_id_issuer_cmp (ca_id, id) == 0)
    {
      sn = serial_text (serial);
      rows = ds_db_rows (req->server->db, "SELECT revoked_at, reason FROM certificates WHERE serial = ?", sn, NULL);
      if (rows->len > 0)
        {
          char **row = g_ptr_array_index (rows, 0);
          status = row[0][0] ? V_OCSP_CERTSTATUS_REVOKED : V_OCSP_CERTSTATUS_GOOD;
          reason = (int) g_ascii_strtoll (row[1], NULL, 10);
          if (row[0][0])
            revtime = ASN1_TIME_set (NULL, (time_t) g_ascii_strtoll (row[0], NULL, 10));
        }
    }
  OCSP_basic_add1_status (bs, id, status, reason, revtime, now, next);
  ASN1_TIME_free (revtime);
  OCSP_CERTID_free (ca_id);
}

static void
route_ocsp (DsRequest *req)
{
  g_autoptr(GBytes) body = request_body (req);
  const unsigned char *p = g_bytes_get_data (body, NULL);
  OCSP_REQUEST *request = d2i_OCSP_REQUEST (NULL, &p, (long) g_bytes_get_size (body));
  OCSP_BASICRESP *bs = OCSP_BASICRESP_new ();
  ASN1_TIME *now = ASN1_TIME_set (NULL, time (NULL));
  ASN1_TIME *next = ASN1_TIME_adj (NULL, time (NULL), 0, OCSP_VALIDITY_SECONDS);
  OCSP_RESPONSE *resp;
  unsigned char *der = NULL;
  int len;

  if (request == NULL)
    resp = OCSP_response_create (OCSP_RESPONSE_STATUS_MALFORMEDREQUEST, NULL);
  else
    {
      for (int i = 0; i < OCSP_request_onereq_count (request); i++)
        add_status (req, bs, OCSP_onereq_get0_id (OCSP_request_onereq_get0 (request, i)), now, next);
      OCSP_copy_nonce (bs, request);
      /* The issuing CA answers for its own certificates (RFC 6960 4.2.2.2). */
      OCSP_basic_sign (bs, ds_pki_ca (req->server->pki), ds_pki_ca_key (req->server->pki), EVP_sha256 (), NULL, 0);
      resp = OCSP_response_create (OCSP_RESPONSE_STATUS_SUCCESSFUL, bs);
    }
  len = i2d_OCSP_RESPONSE (resp, &der);
  reply_der (req, "application/ocsp-response", der, len);
  OPENSSL_free (der);
  OCSP_RESPONSE_free (resp);
  OCSP_BASICRESP_free (bs);
  OCSP_REQUEST_free (request);
  ASN1_TIME_free (now);
  ASN1_TIME_free (next);
  ERR_clear_error ();
}

static void
route_crl (DsRequest *req)
{
  const char *name = strrchr (req->path, '/') + 1;
  g_autoptr(GBytes) crl = NULL;

  if (g_strcmp0 (name, "root.crl") != 0 && g_strcmp0 (name, "ca.crl") != 0)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 4044, "CRL tidak ditemukan", NULL);
      return;
    }
  crl = ds_pki_crl (req->server->pki, req->server->db, g_str_equal (name, "root.crl") ? "root" : "ca");
  ds_reply_bytes (req, "application/pkix-crl", crl);
}

static void
route_ca (DsRequest *req)
{
  const char *name = strrchr (req->path, '/') + 1;
  X509 *cert = g_str_equal (name, "root.crt") ? ds_pki_root (req->server->pki)
               : g_str_equal (name, "ca.crt") ? ds_pki_ca (req->server->pki)
               : g_str_equal (name, "tsa.crt") ? ds_pki_tsa (req->server->pki) : NULL;
  g_autoptr(GBytes) der = NULL;

  if (cert == NULL)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 4044, "Sertifikat tidak ditemukan", NULL);
      return;
    }
  der = ds_x509_to_der (cert);
  ds_reply_bytes (req, "application/pkix-cert", der);
}

const DsRouteSpec ds_routes_pki[] = {
  { "POST /tsa", route_tsa },
  { "POST /ocsp", route_ocsp },
  { "GET /crl/*", route_crl },
  { "GET /ca/*", route_ca },
  { NULL, NULL },
};
