/* ds-documents.c — /api/v2/sign/pdf and /api/v2/verify/pdf, server-side,
 * through libbesign-core (the same signer and verifier as the desktop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-integration.h"
#include "ds-pdf-job.h"
#include "ds-placement.h"
#include "ds-server.h"
#include "ds-signing.h"
#include "bs-verify.h"
#include "bs-verify-json.h"

#include "bs-secret.h"

#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <string.h>

typedef struct {
  char           *trust;
  char           *tls_ca;   /* the server's own TLS certificate: its OCSP may be https */
  char           *b64;      /* borrowed from the deferred request's body */
  BsSecret       *password; /* of a protected PDF, or NULL */
  char           *tmp_dir;
  BsVerifyReport *report;
} Verification;

static void
verification_free (Verification *v)
{
  g_free (v->trust);
  g_free (v->tls_ca);
  g_free (v->tmp_dir);
  bs_secret_free (v->password);
  bs_verify_report_free (v->report);
  g_free (v);
}

static void
verify_work (gpointer data)
{
  Verification *v = data;
  char *paths[2] = { v->trust, NULL };
  /* The service knows its own revocation status: it asks its OCSP. */
  BsVerifyOptions options = { .trust_paths = paths, .online = TRUE, .online_ca_file = v->tls_ca,
                              .pdf_password = v->password };
  gsize len = 0;
  g_autofree guint8 *pdf = g_base64_decode (v->b64, &len);
  g_autofree char *path = len > 0 ? ds_placement_write_temp (v->tmp_dir, pdf, len, ".pdf") : NULL;

  if (path == NULL)
    return;
  v->report = bs_verify_file (path, &options, NULL, NULL);
  g_unlink (path);
}

static void
verify_finish (DsRequest *req, gpointer data)
{
  Verification *v = data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *text = NULL;

  /* The real service answers an empty or unreadable PDF with a 500. */
  if (v->report == NULL || v->report->verdict == BS_VERDICT_ERROR)
    {
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Dokumen tidak dapat diverifikasi", NULL);
      return;
    }
  reports = g_ptr_array_new ();
  g_ptr_array_add (reports, v->report);
  text = bs_verify_json_print (reports);
  ds_reply_json (req, 200, json_tokener_parse (text));
}

static void
route_verify (DsRequest *req)
{
  const char *file = NULL, *password = NULL;
  Verification *v;

  if (!ds_require_integration (req) || !ds_optional_string (req, "file", &file)
      || !ds_optional_string (req, "password", &password))
    return;
  if (file == NULL)
    {
      ds_reply_bad_request (req, "Kolom file wajib diisi");
      return;
    }
  v = g_new0 (Verification, 1);
  v->trust = g_build_filename (req->server->data_dir, "trust", NULL);
  v->tls_ca = g_build_filename (req->server->data_dir, "tls.crt", NULL);
  if (!g_file_test (v->tls_ca, G_FILE_TEST_EXISTS))
    g_clear_pointer (&v->tls_ca, g_free);
  v->tmp_dir = g_build_filename (req->server->data_dir, "tmp", NULL);
  v->b64 = (char *) file;
  v->password = password && *password ? bs_secret_new (password, strlen (password)) : NULL;
  ds_request_defer (req, verify_work, verify_finish, v, (GDestroyNotify) verification_free);
}

static void
route_sign_pdf (DsRequest *req)
{
  g_autofree char *user = NULL;
  STACK_OF (X509) *chain;
  EVP_PKEY *key;

  if (!ds_require_integration (req) || ds_pdf_job_files (req) == NULL || (user = ds_named_signer (req)) == NULL)
    return;
  if (req->user_id == NULL)
    req->user_id = g_strdup (user);
  key = ds_authorize_signing (req, user);
  if (key == NULL)
    return;
  chain = ds_user_chain (req->server, user);
  ds_pdf_job_run (req, key, chain, user, "sign-pdf");
  EVP_PKEY_free (key);
  sk_X509_pop_free (chain, X509_free);
}

const DsRouteSpec ds_routes_documents[] = {
  { "POST /api/v2/sign/pdf", route_sign_pdf },
  { "POST /api/v2/verify/pdf", route_verify },
  { NULL, NULL },
};
