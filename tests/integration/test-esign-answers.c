/* test-esign-answers.c — what the client sends to an Esign Client Service
 * and what it makes of the answers: a recording proxy in front of
 * besign-devserver (the body of sign/pdf as the manual describes it, one
 * request for a batch), a proxy that lies (nothing it returns may be
 * written), and the real service's error shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"
#include "stub-server.h"

#include "bs-bsre-signer-id.h"
#include "bs-sign-server-side.h"

#include <glib/gstdio.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_object, json_object_put)

typedef enum {
  LIE_NOT,               /* a faithful proxy */
  LIE_JUNK,              /* 25 bytes that are no PDF */
  LIE_OTHER_DOCUMENT,    /* an unsigned document that is not the one sent */
  LIE_UNSIGNED,          /* the document sent, with nothing but a comment added */
  LIE_TAMPERED,          /* the real answer with one signed byte changed */
  LIE_OTHER_SIGNER,      /* the chain names another certificate than the signature's */
} Lie;

typedef struct {
  DsHarness  *h;
  StubServer *proxy;
  Lie         lie;
  GBytes     *sent;      /* the input, to find what the service added */
} Proxy;

static BsSecret *
secret (const char *text)
{
  return bs_secret_new (text, strlen (text));
}

static GBytes *
sample_pdf (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static char *
lie_about_pdf (Proxy *p, GBytes *real)
{
  gsize sent_len = g_bytes_get_size (p->sent), len = g_bytes_get_size (real);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (real, NULL), len);
  g_autoptr(GString) other = NULL;
  char *at;

  switch (p->lie)
    {
    case LIE_JUNK:
      return g_base64_encode ((const guchar *) "this is not a signed PDF!", 25);
    case LIE_OTHER_DOCUMENT:
      /* The same letter with its first revision changed, unsigned. */
      data[sent_len / 2] ^= 0x01;
      return g_base64_encode (data, sent_len);
    case LIE_UNSIGNED:
      other = g_string_new_len (g_bytes_get_data (p->sent, NULL), (gssize) sent_len);
      g_string_append (other, "% ditandatangani\n");
      return g_base64_encode ((const guchar *) other->str, other->len);
    case LIE_TAMPERED:
      at = g_strstr_len ((char *) data + sent_len, (gssize) (len - sent_len), "/Reason (");
      g_assert_nonnull (at);
      at[strlen ("/Reason (")] ^= 0x01;
      return g_base64_encode (data, len);
    default:
      return g_base64_encode (data, len);
    }
}

/* Rewrites the answer of sign/pdf or of the chain as the lie says. */
static char *
lie (Proxy *p, const char *path, DsReply *reply)
{
  json_object *list = NULL;

  if (p->lie == LIE_NOT || reply->json == NULL || reply->status != 200)
    return g_strndup (reply->body, reply->length);
  if (g_str_equal (path, "/api/v2/sign/pdf") && p->lie != LIE_OTHER_SIGNER
      && json_object_object_get_ex (reply->json, "file", &list))
    {
      gsize len = 0;
      g_autofree guint8 *pdf = g_base64_decode (json_object_get_string (json_object_array_get_idx (list, 0)), &len);
      g_autoptr(GBytes) real = g_bytes_new_take (g_steal_pointer (&pdf), len);
      g_autofree char *b64 = lie_about_pdf (p, real);
      json_object_array_put_idx (list, 0, json_object_new_string (b64));
    }
  if (g_str_has_prefix (path, "/api/v2/user/certificate/chain/") && p->lie == LIE_OTHER_SIGNER
      && json_object_object_get_ex (reply->json, "data", &list))
    json_object_array_put_idx (list, 0, json_object_get (json_object_array_get_idx (list, 1)));
  return g_strdup (json_object_to_json_string_ext (reply->json, JSON_C_TO_STRING_PLAIN));
}

static void
on_proxy (SoupServerMessage *msg, const char *method, const char *path, const char *auth, GBytes *body, gpointer data)
{
  Proxy *p = data;
  gboolean get = g_str_equal (method, "GET");
  g_autoptr(DsReply) reply = ds_http (p->h, method, path, auth, get ? NULL : "application/json",
                                      get ? NULL : g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autofree char *text = lie (p, path, reply);

  stub_reply (msg, (guint) reply->status, reply->content_type ? reply->content_type : "application/json", text);
}

static Proxy *
proxy_start (Lie kind)
{
  Proxy *p = g_new0 (Proxy, 1);

  p->h = ds_harness_start (FALSE);
  p->lie = kind;
  p->sent = sample_pdf ();
  p->proxy = stub_server_start (on_proxy, p);
  return p;
}

static void
proxy_free (Proxy *p)
{
  stub_server_stop (p->proxy);
  ds_harness_free (p->h);
  g_bytes_unref (p->sent);
  g_free (p);
}

static BsBsreSession *
session_to (Proxy *p, const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) pw = secret (ds_harness_account (p->h, "integrationPassword"));
  BsBsreSession *s = bs_bsre_session_new_esign_client (url, NULL, ds_harness_account (p->h, "integrationUser"), pw,
                                                       &error);

  g_assert_no_error (error);
  return s;
}

static GPtrArray *
inputs (Proxy *p, guint n)
{
  GPtrArray *files = g_ptr_array_new_null_terminated (n, g_free, TRUE);
  g_autofree char *dir = g_build_filename (p->h->root, "in", NULL);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      char *path = g_strdup_printf ("%s/nota-%u.pdf", dir, i);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (p->sent, NULL), (gssize) g_bytes_get_size (p->sent),
                                          NULL));
      g_ptr_array_add (files, path);
    }
  return files;
}

static guint
entries_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static GPtrArray *
sign_through (Proxy *p, BsBsreSession *session, GPtrArray *files, const BsSignOptions *options,
              const BsBsreSigningAuth *auth)
{
  return bs_sign_files_server_side (session, ds_harness_account (p->h, "nik"), auth, (const char *const *) files->pdata,
                                    options, NULL, NULL, NULL);
}

static double
number (json_object *o, const char *key)
{
  json_object *v = NULL;

  g_assert_true (json_object_object_get_ex (o, key, &v));
  return json_object_get_double (v);
}

static const char *
text (json_object *o, const char *key)
{
  json_object *v = NULL;

  return json_object_object_get_ex (o, key, &v) ? json_object_get_string (v) : NULL;
}

/* ---- what is sent -------------------------------------------------------- */

static void
test_request_shape (void)
{
  Proxy *p = proxy_start (LIE_NOT);
  g_autoptr(BsBsreSession) session = session_to (p, stub_server_url (p->proxy));
  g_autoptr(GPtrArray) files = inputs (p, 2);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  g_autoptr(BsSecret) pass = secret (ds_harness_account (p->h, "passphrase"));
  BsBsreSigningAuth auth = { pass, NULL };
  BsSignOptions options = { .visible = TRUE, .page = 1, .rect = { 50, 60, 180, 72 }, .reason = "Uji bentuk",
                            .output_dir = out };
  g_autoptr(GPtrArray) results = sign_through (p, session, files, &options, &auth);
  g_autoptr(json_object) body = stub_server_body (p->proxy, "/api/v2/sign/pdf");
  g_autofree char *pair = g_strdup_printf ("%s:%s", ds_harness_account (p->h, "integrationUser"),
                                           ds_harness_account (p->h, "integrationPassword"));
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *basic = g_strconcat ("Basic ", b64, NULL);
  g_autofree char *auth_sent = stub_server_auth (p->proxy, "/api/v2/sign/pdf");
  g_autofree char *chain_path = g_strconcat ("/api/v2/user/certificate/chain/", ds_harness_account (p->h, "nik"), NULL);
  g_autofree char *chain_auth = stub_server_auth (p->proxy, chain_path);
  json_object *props = NULL, *file = NULL;

  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, i))->error);
  g_assert_cmpuint (stub_server_count (p->proxy, "/api/v2/sign/pdf"), ==, 1);
  g_assert_cmpstr (auth_sent, ==, basic);
  g_assert_cmpstr (chain_auth, ==, basic);
  g_assert_cmpstr (text (body, "nik"), ==, ds_harness_account (p->h, "nik"));
  g_assert_null (text (body, "email"));
  g_assert_cmpstr (text (body, "passphrase"), ==, ds_harness_account (p->h, "passphrase"));
  g_assert_true (json_object_object_get_ex (body, "signatureProperties", &props));
  g_assert_true (json_object_object_get_ex (body, "file", &file));
  g_assert_cmpuint (json_object_array_length (props), ==, 2);
  g_assert_cmpuint (json_object_array_length (file), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      json_object *prop = json_object_array_get_idx (props, i);
      /* Manual v2 p. 21: the box's top-left corner from the page's
       * top-left as displayed, in points — exactly the --rect given. */
      g_assert_cmpstr (text (prop, "tampilan"), ==, "VISIBLE");
      g_assert_cmpfloat (number (prop, "page"), ==, 1);
      g_assert_cmpfloat (number (prop, "originX"), ==, 50);
      g_assert_cmpfloat (number (prop, "originY"), ==, 60);
      g_assert_cmpfloat (number (prop, "width"), ==, 180);
      g_assert_cmpfloat (number (prop, "height"), ==, 72);
      g_assert_cmpstr (text (prop, "reason"), ==, "Uji bentuk");
    }
  g_assert_cmpuint (entries_in (out), ==, 2);
  proxy_free (p);
}

static void
test_mailed_code_for_a_batch (void)
{
  Proxy *p = proxy_start (LIE_NOT);
  g_autoptr(BsBsreSession) session = session_to (p, stub_server_url (p->proxy));
  g_autoptr(GPtrArray) files = inputs (p, 4);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  BsSignOptions options = { .page = 1, .output_dir = out };
  g_autoptr(GError) error = NULL;
  g_autoptr(json_object) otp_body = NULL;
  g_autoptr(json_object) sign_body = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *code = NULL;
  g_autoptr(BsSecret) otp = NULL;
  BsBsreSigningAuth auth = { NULL, NULL };

  g_assert_true (bs_bsre_request_email_otp (session, ds_harness_account (p->h, "nik"), files->len, NULL, &error));
  g_assert_no_error (error);
  otp_body = stub_server_body (p->proxy, "/api/v2/sign/get/totp");
  g_assert_cmpfloat (number (otp_body, "data"), ==, 4);
  g_assert_cmpstr (text (otp_body, "nik"), ==, ds_harness_account (p->h, "nik"));
  code = ds_harness_mail_value (p->h, "Kode OTP penandatanganan anda: ");
  otp = secret (code);
  auth.otp = otp;
  results = sign_through (p, session, files, &options, &auth);
  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, i))->error);
  g_assert_cmpuint (stub_server_count (p->proxy, "/api/v2/sign/pdf"), ==, 1);
  sign_body = stub_server_body (p->proxy, "/api/v2/sign/pdf");
  g_assert_cmpstr (text (sign_body, "totp"), ==, code);
  g_assert_cmpuint (entries_in (out), ==, 4);
  proxy_free (p);
}

static void
test_placement_checked_before_upload (void)
{
  Proxy *p = proxy_start (LIE_NOT);
  g_autoptr(BsBsreSession) session = session_to (p, stub_server_url (p->proxy));
  g_autoptr(GPtrArray) files = inputs (p, 1);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  g_autoptr(BsSecret) pass = secret (ds_harness_account (p->h, "passphrase"));
  BsBsreSigningAuth auth = { pass, NULL };
  BsSignOptions off_page = { .visible = TRUE, .page = 1, .rect = { 700, 60, 180, 72 }, .output_dir = out };
  BsSignOptions no_page = { .visible = TRUE, .page = 9, .rect = { 50, 60, 180, 72 }, .output_dir = out };
  g_autoptr(GPtrArray) r1 = sign_through (p, session, files, &off_page, &auth);
  g_autoptr(GPtrArray) r2 = sign_through (p, session, files, &no_page, &auth);

  g_assert_nonnull (((BsSignResult *) g_ptr_array_index (r1, 0))->error);
  g_assert_nonnull (((BsSignResult *) g_ptr_array_index (r2, 0))->error);
  g_assert_cmpuint (stub_server_count (p->proxy, "/api/v2/sign/pdf"), ==, 0);
  g_assert_cmpuint (entries_in (out), ==, 0);
  proxy_free (p);
}

/* A protected PDF: opened here with its password for the placement check,
 * and the password goes to the service as pdfPassword. */
static void
test_pdf_password_sent (void)
{
  Proxy *p = proxy_start (LIE_NOT);
  g_autoptr(BsBsreSession) session = session_to (p, stub_server_url (p->proxy));
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  g_autofree char *locked = g_build_filename (p->h->root, "terkunci.pdf", NULL);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  const char *qpdf[] = { "qpdf", "--encrypt", "buka-saja", "pemilik-saja", "256", "--", sample, locked, NULL };
  const char *files[] = { locked, NULL };
  g_autoptr(BsSecret) pass = secret (ds_harness_account (p->h, "passphrase"));
  g_autoptr(BsSecret) pdf_password = secret ("buka-saja");
  BsBsreSigningAuth auth = { pass, NULL };
  BsSignOptions options = { .visible = TRUE, .page = 1, .rect = { 50, 60, 180, 72 }, .output_dir = out,
                            .pdf_password = pdf_password };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(json_object) body = NULL;
  g_autofree char *output = NULL;
  json_object *props = NULL;
  BsSignResult *r;

  g_assert_cmpint (ds_run (qpdf, NULL, &output), ==, 0);
  results = bs_sign_files_server_side (session, ds_harness_account (p->h, "nik"), &auth, files, &options, NULL,
                                       NULL, NULL);
  r = g_ptr_array_index (results, 0);
  body = stub_server_body (p->proxy, "/api/v2/sign/pdf");
  g_assert_nonnull (body);
  g_assert_true (json_object_object_get_ex (body, "signatureProperties", &props));
  g_assert_cmpstr (text (json_object_array_get_idx (props, 0), "pdfPassword"), ==, "buka-saja");
  /* Whether the dev server can sign protected files is its business; a
   * result, when there is one, passed the checks of an answer. */
  g_assert_true ((r->output != NULL) == (r->error == NULL));
  if (r->error != NULL)
    g_assert_false (g_error_matches (r->error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER));
  proxy_free (p);
}

/* ---- a lying service -------------------------------------------------------- */

static void
test_lies (gconstpointer data)
{
  Lie kind = GPOINTER_TO_INT (data);
  Proxy *p = proxy_start (kind);
  g_autoptr(BsBsreSession) session = session_to (p, stub_server_url (p->proxy));
  g_autoptr(GPtrArray) files = inputs (p, 1);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  g_autoptr(BsSecret) pass = secret (ds_harness_account (p->h, "passphrase"));
  BsBsreSigningAuth auth = { pass, NULL };
  BsSignOptions options = { .page = 1, .reason = "Uji bohong", .output_dir = out };
  g_autoptr(GPtrArray) results = sign_through (p, session, files, &options, &auth);
  BsSignResult *r = g_ptr_array_index (results, 0);
  const char *expected[] = {
    [LIE_JUNK] = "does not begin with the document that was sent",
    [LIE_OTHER_DOCUMENT] = "does not begin with the document that was sent",
    [LIE_UNSIGNED] = "without a new signature",
    [LIE_TAMPERED] = "does not verify",
    [LIE_OTHER_SIGNER] = "not by the signer's certificate",
  };

  g_assert_cmpuint (stub_server_count (p->proxy, "/api/v2/sign/pdf"), ==, 1);
  g_assert_null (r->output);
  g_assert_error (r->error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER);
  g_assert_nonnull (strstr (r->error->message, expected[kind]));
  /* No result, and no temporary left behind. */
  g_assert_cmpuint (entries_in (out), ==, 0);
  proxy_free (p);
}

/* besign-cli reports the lie and exits non-zero, with no file. */
static void
test_cli_refuses_a_lie (void)
{
  Proxy *p = proxy_start (LIE_JUNK);
  g_autoptr(GPtrArray) files = inputs (p, 1);
  g_autofree char *out = g_build_filename (p->h->root, "out", NULL);
  g_autofree char *bp = ds_harness_write (p->h, "basic.txt", ds_harness_account (p->h, "integrationPassword"));
  g_autofree char *pp = ds_harness_write (p->h, "pp.txt", ds_harness_account (p->h, "passphrase"));
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--server-side", "--server", stub_server_url (p->proxy),
                         "--basic-user", ds_harness_account (p->h, "integrationUser"), "--basic-password-file", bp,
                         "--email", ds_harness_account (p->h, "email"), "--passphrase-file", pp, "--output-dir", out,
                         g_ptr_array_index (files, 0), NULL };
  g_autofree char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 1);
  g_assert_nonnull (strstr (output, "was not written"));
  g_assert_nonnull (strstr (output, "Signed 0 of 1 documents."));
  g_assert_cmpuint (entries_in (out), ==, 0);
  proxy_free (p);
}

/* ---- the real service's error shapes ---------------------------------------- */

typedef struct {
  guint       status;
  const char *content_type;
  const char *body;
  int         code;
  const char *message;    /* a part of the English message */
} Shape;

static const Shape shapes[] = {
  { 400, "application/json", "{\"error\": \"Passphrase anda salah\", \"status_code\": 2031}",
    BS_BSRE_ERROR_INVALID_PASSPHRASE, "Wrong passphrase" },
  { 400, "application/json", "{\"error\": \"Passphrase anda salah\", \"status_code\": \"2031\"}",
    BS_BSRE_ERROR_INVALID_PASSPHRASE, "Wrong passphrase" },
  { 200, "application/json", "{\"error\": \"Passphrase anda salah\", \"status_code\": 2031}",
    BS_BSRE_ERROR_INVALID_PASSPHRASE, "Wrong passphrase" },
  { 400, "application/json", "{\"error\": \"User belum terdaftar\", \"status_code\": \"2011\"}",
    BS_BSRE_ERROR_NOT_FOUND, "not registered" },
  { 400, "application/json", "{\"error\": \"Sertifikat dicabut\", \"status_code\": 2027}",
    BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE, "REVOKE" },
  { 400, "application/json", "{\"error\": \"Dokumen rusak\", \"status_code\": 9999}",
    BS_BSRE_ERROR_BAD_REQUEST, "Dokumen rusak" },
  { 401, "application/json", "{\"timestamp\":\"2025-03-18T12:00:00.000+00:00\",\"status\":401,"
    "\"error\":\"Unauthorized\",\"path\":\"/api/v2/user/check/status\"}",
    BS_BSRE_ERROR_UNAUTHORIZED, "integration's user name or password" },
  { 401, "text/plain", "", BS_BSRE_ERROR_UNAUTHORIZED, "integration's user name or password" },
  { 500, "application/json", "{\"error\": \"Passphrase anda salah\", \"status_code\": 2031}",
    BS_BSRE_ERROR_SERVER_ERROR, "HTTP 500" },
  { 500, "text/html", "<html><body>Internal Server Error</body></html>", BS_BSRE_ERROR_SERVER_ERROR, "HTTP 500" },
  { 500, "text/plain", "", BS_BSRE_ERROR_SERVER_ERROR, "HTTP 500" },
  { 400, "text/plain", "Bad Request", BS_BSRE_ERROR_BAD_REQUEST, "HTTP 400" },
  { 200, "text/html", "<html>proxy login</html>", BS_BSRE_ERROR_UNEXPECTED_ANSWER, "not JSON" },
};

static void
on_shape (SoupServerMessage *msg, const char *method, const char *path, const char *auth, GBytes *body, gpointer data)
{
  const Shape *shape = *(const Shape **) data;

  stub_reply (msg, shape->status, shape->content_type, shape->body);
}

static void
test_error_shapes (void)
{
  const Shape *current = NULL;
  StubServer *stub = stub_server_start (on_shape, &current);
  g_autoptr(BsSecret) pw = secret ("rahasia-integrasi");
  g_autoptr(BsBsreSession) session = bs_bsre_session_new_esign_client (stub_server_url (stub), NULL, "instansi", pw,
                                                                       NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BsBsreUser) user = NULL;

      current = &shapes[i];
      user = bs_bsre_esign_identify (session, "3171000000000001", NULL, &error);
      g_assert_null (user);
      g_assert_error (error, BS_BSRE_ERROR, shapes[i].code);
      if (strstr (error->message, shapes[i].message) == NULL)
        g_error ("shape %" G_GSIZE_FORMAT ": “%s” lacks “%s”", i, error->message, shapes[i].message);
      g_assert_null (strstr (error->message, "rahasia"));
    }
  stub_server_stop (stub);
}

/* The messages people read are Indonesian. */
static void
test_error_in_indonesian (void)
{
  const Shape *current = &shapes[6];
  StubServer *stub = stub_server_start (on_shape, &current);
  const char *argv[] = { "env", "LANGUAGE=id", "LC_ALL=C.UTF-8", g_getenv ("BESIGN_CLI"), "cert", "status",
                         "--server", stub_server_url (stub), "--basic-user", "instansi", "--nik", "3171000000000001",
                         NULL };
  g_autoptr(GBytes) typed = g_bytes_new_static ("rahasia\n", 8);
  g_autofree char *output = NULL;

  g_assert_cmpint (ds_run (argv, typed, &output), ==, 1);
  g_assert_nonnull (strstr (output, "nama pengguna atau kata sandi integrasi"));
  stub_server_stop (stub);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/answers/request-shape", test_request_shape);
  g_test_add_func ("/answers/mailed-code-for-a-batch", test_mailed_code_for_a_batch);
  g_test_add_func ("/answers/placement-checked-before-upload", test_placement_checked_before_upload);
  g_test_add_func ("/answers/pdf-password-sent", test_pdf_password_sent);
  g_test_add_data_func ("/answers/lie/junk", GINT_TO_POINTER (LIE_JUNK), test_lies);
  g_test_add_data_func ("/answers/lie/other-document", GINT_TO_POINTER (LIE_OTHER_DOCUMENT), test_lies);
  g_test_add_data_func ("/answers/lie/unsigned", GINT_TO_POINTER (LIE_UNSIGNED), test_lies);
  g_test_add_data_func ("/answers/lie/tampered", GINT_TO_POINTER (LIE_TAMPERED), test_lies);
  g_test_add_data_func ("/answers/lie/other-signer", GINT_TO_POINTER (LIE_OTHER_SIGNER), test_lies);
  g_test_add_func ("/answers/cli-refuses-a-lie", test_cli_refuses_a_lie);
  g_test_add_func ("/answers/error-shapes", test_error_shapes);
  g_test_add_func ("/answers/error-in-indonesian", test_error_in_indonesian);
  return g_test_run ();
}
