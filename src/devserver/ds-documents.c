/* ds-documents.c — /api/v2/sign/pdf and /api/v2/verify/pdf, server-side,
 * through libbesign-core (the same signer and verifier as the desktop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-accounts.h"
#include "ds-server.h"
#include "ds-signing.h"
#include "bs-pdf-document.h"
#include "bs-pdf-geometry.h"
#include "bs-sign.h"
#include "bs-signer-pkcs12.h"
#include "bs-verify.h"
#include "bs-verify-json.h"

#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <string.h>

/* The integrating application's HTTP Basic credentials (Esign v2). */
static gboolean
basic_auth_ok (DsRequest *req, gboolean *present)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "Authorization");
  g_autofree char *expected_user = ds_db_kv_get (req->server->db, "integration-user");
  g_autofree char *expected_hash = ds_db_kv_get (req->server->db, "integration-password-sha256");
  g_autofree guchar *decoded = NULL;
  g_autofree char *hash = NULL;
  gsize len = 0;
  gboolean ok;
  char *colon;

  *present = auth != NULL && g_str_has_prefix (auth, "Basic ");
  if (!*present)
    return FALSE;
  decoded = g_base64_decode (auth + 6, &len);
  decoded = g_realloc (decoded, len + 1);
  decoded[len] = '\0';
  colon = strchr ((char *) decoded, ':');
  if (colon == NULL || expected_user == NULL)
    return FALSE;
  *colon = '\0';
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, colon + 1, -1);
  ok = ds_secret_equal ((char *) decoded, expected_user) && ds_secret_equal (hash, expected_hash);
  OPENSSL_cleanse (decoded, len);
  return ok;
}

/* The real service answers wrong Basic auth in Spring's own shape. */
static void
reply_spring_401 (DsRequest *req)
{
  json_object *o = json_object_new_object ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format_iso8601 (now);

  json_object_object_add (o, "timestamp", json_object_new_string (ts));
  json_object_object_add (o, "status", json_object_new_int (401));
  json_object_object_add (o, "error", json_object_new_string ("Unauthorized"));
  json_object_object_add (o, "path", json_object_new_string (req->path));
  ds_reply_json (req, 401, o);
}

static gboolean
authenticated (DsRequest *req)
{
  gboolean basic_present = FALSE;

  if (basic_auth_ok (req, &basic_present))
    return TRUE;
  if (basic_present)
    {
      reply_spring_401 (req);
      return FALSE;
    }
  return ds_require_user (req) != NULL;
}

static char *
write_temp (DsServer *server, const guint8 *data, gsize len, const char *suffix)
{
  g_autofree char *dir = g_build_filename (server->data_dir, "tmp", NULL);
  g_autofree char *name = g_strdup_printf ("doc-%08x%s", g_random_int (), suffix);
  char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) len, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

static char *
decode_to_temp (DsServer *server, const char *b64, const char *suffix)
{
  gsize len = 0;
  g_autofree guint8 *data = g_base64_decode (b64, &len);

  return len > 0 ? write_temp (server, data, len, suffix) : NULL;
}

typedef struct {
  char           *path;     /* the uploaded PDF (removed once verified) */
  char           *trust;    /* the data folder's trust anchors */
  BsVerifyReport *report;
} Verification;

static void
verification_free (Verification *v)
{
  g_free (v->path);
  g_free (v->trust);
  bs_verify_report_free (v->report);
  g_free (v);
}

/* Like the real service (EU DSS), revocation is checked online: against
 * this server's own OCSP responder, which the main loop keeps serving
 * while a worker verifies. */
static void
verify_work (gpointer data)
{
  Verification *v = data;
  char *paths[2] = { v->trust, NULL };
  BsVerifyOptions options = { paths, TRUE };

  v->report = bs_verify_file (v->path, &options, NULL, NULL);
  g_unlink (v->path);
  bs_verify_thread_done ();
}

static void
verify_finish (DsRequest *req, gpointer data)
{
  Verification *v = data;
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autofree char *text = NULL;

  /* The real service answers an unreadable PDF with a 500. */
  if (v->report == NULL || v->report->verdict == BS_VERDICT_ERROR)
    {
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Dokumen tidak dapat diverifikasi", NULL);
      return;
    }
  g_ptr_array_add (reports, v->report);
  text = bs_verify_json_print (reports);
  ds_reply_json (req, 200, json_tokener_parse (text));
}

static void
route_verify (DsRequest *req)
{
  const char *file = ds_require_string (req, "file");
  Verification *v;

  if (file == NULL || !authenticated (req))
    return;
  v = g_new0 (Verification, 1);
  v->path = decode_to_temp (req->server, file, ".pdf");
  v->trust = g_build_filename (req->server->data_dir, "trust", NULL);
  if (v->path == NULL)
    {
      verification_free (v);
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Dokumen tidak dapat diverifikasi", NULL);
      return;
    }
  ds_request_defer (req, verify_work, verify_finish, v, (GDestroyNotify) verification_free);
}

typedef struct {
  BsSignOptions options;
  char         *image;    /* temporary specimen file */
  char         *location, *reason, *contact;
} Placement;

static void
placement_clear (Placement *p)
{
  if (p->image != NULL)
    g_unlink (p->image);
  g_free (p->image);
  g_free (p->location);
  g_free (p->reason);
  g_free (p->contact);
}

static const char *
prop_string (json_object *props, const char *key)
{
  json_object *v = NULL;

  return json_object_object_get_ex (props, key, &v) && json_object_is_type (v, json_type_string)
         ? json_object_get_string (v) : NULL;
}

static double
prop_number (json_object *props, const char *key)
{
  json_object *v = NULL;

  return json_object_object_get_ex (props, key, &v) ? json_object_get_double (v) : 0;
}

/* originX/originY/width/height are PDF points from the bottom-left of the
 * unrotated page (documented choice: the manual does not define them). */
static gboolean
placement_from (DsRequest *req, json_object *props, const char *pdf, Placement *p)
{
  g_autoptr(BsPdfDocument) doc = NULL;
  BsPdfPage page;
  BsPdfBox user;
  int page_no = (int) prop_number (props, "page");

  p->options.reason = p->reason = g_strdup (prop_string (props, "reason"));
  p->options.location = p->location = g_strdup (prop_string (props, "location"));
  p->options.contact = p->contact = g_strdup (prop_string (props, "contactInfo"));
  if (g_strcmp0 (prop_string (props, "tampilan"), "VISIBLE") != 0)
    return TRUE;
  if (prop_string (props, "tag_koordinat") != NULL)
    {
      ds_reply_bad_request (req, "tag_koordinat tidak didukung oleh server pengembangan; gunakan originX/originY");
      return FALSE;
    }
  p->options.visible = TRUE;
  p->options.page = page_no > 0 ? page_no : 1;
  doc = bs_pdf_document_open (pdf, NULL);
  if (doc == NULL || !bs_pdf_document_get_page (doc, p->options.page - 1, &page, NULL))
    {
      ds_reply_bad_request (req, "Halaman tanda tangan tidak ada pada dokumen");
      return FALSE;
    }
  user = (BsPdfBox) { page.media.x0 + prop_number (props, "originX"), page.media.y0 + prop_number (props, "originY"),
                      page.media.x0 + prop_number (props, "originX") + prop_number (props, "width"),
                      page.media.y0 + prop_number (props, "originY") + prop_number (props, "height") };
  bs_pdf_page_user_to_display (&page, &user, &p->options.rect);
  if (prop_string (props, "imageBase64") != NULL)
    p->options.image_path = p->image = decode_to_temp (req->server, prop_string (props, "imageBase64"), ".img");
  return TRUE;
}

static char *
sign_one (DsRequest *req, BsSigner *signer, const char *b64, json_object *props, GError **error)
{
  g_autofree char *in = decode_to_temp (req->server, b64, ".pdf");
  g_autofree char *out_dir = g_build_filename (req->server->data_dir, "tmp", NULL);
  g_autofree char *out = NULL;
  g_autofree char *signed_bytes = NULL;
  gsize len = 0;
  Placement p = { { 0 }, NULL, NULL, NULL, NULL };
  char *result = NULL;
  const char *inputs[2] = { in, NULL };
  g_autoptr(GPtrArray) results = NULL;
  BsSignResult *r;

  if (in == NULL || !placement_from (req, props, in, &p))
    goto out;
  p.options.output_dir = out_dir;
  results = bs_sign_files (inputs, &p.options, signer, NULL, NULL, NULL);
  r = g_ptr_array_index (results, 0);
  if (r->output == NULL)
    {
      g_propagate_error (error, g_error_copy (r->error));
      goto out;
    }
  out = g_strdup (r->output);
  if (g_file_get_contents (out, &signed_bytes, &len, error))
    result = g_base64_encode ((const guchar *) signed_bytes, len);
  g_unlink (out);
out:
  if (in != NULL)
    g_unlink (in);
  placement_clear (&p);
  return result;
}

static BsSigner *
user_signer (DsRequest *req, char **user_out)
{
  const char *nik = NULL, *email = NULL;
  g_autofree char *user = NULL;
  EVP_PKEY *key;
  STACK_OF (X509) *chain;
  BsSigner *signer;

  if (!ds_optional_string (req, "nik", &nik) || !ds_optional_string (req, "email", &email))
    return NULL;
  user = req->user_id ? g_strdup (req->user_id) : ds_accounts_find (req->server, nik ? nik : email ? email : "");
  if (user == NULL)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 4044, "User tidak ditemukan", NULL);
      return NULL;
    }
  key = ds_authorize_signing (req, user);
  if (key == NULL)
    return NULL;
  chain = ds_user_chain (req->server, user);
  signer = bs_signer_key_new (key, sk_X509_value (chain, 0), chain, NULL);
  EVP_PKEY_free (key);
  sk_X509_pop_free (chain, X509_free);
  *user_out = g_steal_pointer (&user);
  return signer;
}

static void
route_sign_pdf (DsRequest *req)
{
  json_object *files = NULL, *props = NULL, *out, *o;
  g_autoptr(BsSigner) signer = NULL;
  g_autofree char *user = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!authenticated (req))
    return;
  if (!json_object_object_get_ex (req->body, "file", &files) || !json_object_is_type (files, json_type_array)
      || json_object_array_length (files) == 0)
    {
      ds_reply_bad_request (req, "Kolom file wajib berisi daftar PDF dalam base64");
      return;
    }
  json_object_object_get_ex (req->body, "signatureProperties", &props);
  signer = user_signer (req, &user);
  if (signer == NULL)
    return;
  out = json_object_new_array ();
  for (size_t i = 0; i < json_object_array_length (files); i++)
    {
      json_object *p = props && json_object_is_type (props, json_type_array) && json_object_array_length (props) > 0
                       ? json_object_array_get_idx (props, MIN (i, json_object_array_length (props) - 1)) : NULL;
      g_autoptr(GError) error = NULL;
      char *signed_b64 = sign_one (req, signer, json_object_get_string (json_object_array_get_idx (files, i)), p, &error);

      if (signed_b64 == NULL)
        {
          json_object_put (out);
          if (req->status == 0)
            ds_reply_bad_request (req, error ? error->message : "Dokumen tidak dapat ditandatangani");
          return;
        }
      json_object_array_add (out, json_object_new_string (signed_b64));
      g_free (signed_b64);
    }
  ds_db_begin (req->server->db);
  ds_db_audit (req->server->db, user, "sign-pdf", NULL);
  ds_db_commit (req->server->db);
  o = json_object_new_object ();
  json_object_object_add (o, "time", json_object_new_int64 ((g_get_monotonic_time () - start) / 1000));
  json_object_object_add (o, "file", out);
  ds_reply_json (req, 200, o);
}

const DsRouteSpec ds_routes_documents[] = {
  { "POST /api/v2/sign/pdf", route_sign_pdf },
  { "POST /api/v2/verify/pdf", route_verify },
  { NULL, NULL },
};
