/* test-devserver-esign.c — the Esign Client Service v2 endpoints of
 * besign-devserver as an integrating application sees them.
 *
 * - HTTP Basic on every integration endpoint: without it, or with a wrong
 *   password, Spring's 401 {timestamp,status,error,path}.
 * - The real service's answers to odd requests: status with {} → 200 and
 *   2011; verify with an empty file → 500; the chain without "/v2".
 * - sign/pdf with bodies in the manual's shapes: (a) invisible, (b) visible
 *   at originX/originY, (c) visible at a tag_koordinat marker, (d) an
 *   e-mailed OTP instead of the passphrase — each signed PDF checked by
 *   pdfsig, qpdf and openssl: PAdES-BASELINE-T with the server's TSA.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  DsHarness *h;
  char      *basic;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->h = ds_harness_start (GPOINTER_TO_INT (data));
  f->basic = ds_harness_basic (f->h, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->basic);
  ds_harness_free (f->h);
}

static const char *
text_of (DsReply *r, const char *key)
{
  json_object *v = NULL;

  return r->json && json_object_object_get_ex (r->json, key, &v) ? json_object_get_string (v) : NULL;
}

/* ---- HTTP Basic ---------------------------------------------------------- */

static const struct {
  const char *method, *path, *body;
} integration_endpoints[] = {
  { "POST", "/api/v2/user/check/status", "{\"nik\": \"3171000000000001\"}" },
  { "GET", "/api/v2/user/certificate/chain/3171000000000001", NULL },
  { "GET", "/api/user/certificate/chain/3171000000000001", NULL },
  { "POST", "/api/v2/sign/get/totp", "{\"nik\": \"3171000000000001\", \"data\": 1}" },
  { "POST", "/api/v2/sign/pdf", "{\"nik\": \"3171000000000001\", \"passphrase\": \"x\", \"file\": [\"JVBERi0=\"]}" },
  { "POST", "/api/v2/verify/pdf", "{\"file\": \"JVBERi0=\"}" },
  { "POST", "/api/v2/seal/get/activation", "{\"idSubscriber\": \"x\"}" },
  { "POST", "/api/v2/seal/revoke/activation", "{\"idSubscriber\": \"x\", \"totp\": \"123456\"}" },
  { "POST", "/api/v2/seal/get/totp", "{\"idSubscriber\": \"x\", \"totp\": \"123456\", \"data\": 1}" },
  { "POST", "/api/v2/seal/pdf", "{\"idSubscriber\": \"x\", \"totp\": \"123456\", \"file\": [\"JVBERi0=\"]}" },
  { "POST", "/api/v2/user/registration", "{\"nama\": \"Uji\", \"email\": \"uji@besign-dev.go.id\"}" },
  { "POST", "/api/v2/user/register", "{\"nama\": \"Uji\", \"email\": \"uji@besign-dev.go.id\"}" },
};

static DsReply *
call (Fixture *f, guint i, const char *auth)
{
  const char *body = integration_endpoints[i].body;

  return ds_http (f->h, integration_endpoints[i].method, integration_endpoints[i].path, auth,
                  body ? "application/json" : NULL, body, body ? strlen (body) : 0);
}

static void
assert_spring_401 (DsReply *r, const char *path)
{
  json_object *status = NULL;

  if (r->status != 401)
    g_error ("%s: expected 401, got %ld %s", path, r->status, r->body);
  g_assert_true (json_object_object_get_ex (r->json, "status", &status));
  g_assert_cmpint (json_object_get_int (status), ==, 401);
  g_assert_cmpstr (text_of (r, "error"), ==, "Unauthorized");
  g_assert_cmpstr (text_of (r, "path"), ==, path);
  g_assert_nonnull (text_of (r, "timestamp"));
}

static void
test_basic_on_every_endpoint (Fixture *f, gconstpointer data)
{
  g_autofree char *wrong = ds_harness_basic (f->h, "bukan sandinya");
  g_autofree char *not_basic = g_strdup ("Digest username=\"besign-integration\"");

  for (guint i = 0; i < G_N_ELEMENTS (integration_endpoints); i++)
    {
      g_autoptr(DsReply) none = call (f, i, NULL);
      g_autoptr(DsReply) bad = call (f, i, wrong);
      g_autoptr(DsReply) other = call (f, i, not_basic);
      g_autoptr(DsReply) good = call (f, i, f->basic);

      assert_spring_401 (none, integration_endpoints[i].path);
      assert_spring_401 (bad, integration_endpoints[i].path);
      assert_spring_401 (other, integration_endpoints[i].path);
      if (good->status == 401)
        g_error ("%s refused the right credentials: %s", integration_endpoints[i].path, good->body);
      /* Every answer, right or wrong, is JSON (the chain's unknown id
       * aside, which the real service answers in plain text). */
      g_assert_nonnull (good->json);
    }
}

/* ---- the real service's answers to odd requests ------------------------- */

static void
test_odd_requests (Fixture *f, gconstpointer data)
{
  g_autoptr(DsReply) empty_status = ds_post (f->h, "/api/v2/user/check/status", f->basic, "{}");
  g_autoptr(DsReply) empty_file = ds_post (f->h, "/api/v2/verify/pdf", f->basic, "{\"file\": \"\"}");
  g_autoptr(DsReply) not_pdf = ds_post (f->h, "/api/v2/verify/pdf", f->basic, "{\"file\": \"bm90IGEgcGRm\"}");
  g_autofree char *v2 = g_strdup_printf ("/api/v2/user/certificate/chain/%s", ds_harness_account (f->h, "email"));
  g_autofree char *v1 = g_strdup_printf ("/api/user/certificate/chain/%s", ds_harness_account (f->h, "email"));
  g_autoptr(DsReply) chain_v2 = ds_http (f->h, "GET", v2, f->basic, NULL, NULL, 0);
  g_autoptr(DsReply) chain_v1 = ds_http (f->h, "GET", v1, f->basic, NULL, NULL, 0);
  g_autoptr(DsReply) unknown = ds_http (f->h, "GET", "/api/user/certificate/chain/nobody", f->basic, NULL, NULL, 0);
  json_object *code = NULL;

  g_assert_cmpint (empty_status->status, ==, 200);
  g_assert_true (json_object_object_get_ex (empty_status->json, "status_code", &code));
  g_assert_cmpint (json_object_get_int (code), ==, 2011);
  g_assert_cmpstr (text_of (empty_status, "status"), ==, "NOT_REGISTERED");
  g_assert_cmpint (empty_file->status, ==, 500);
  g_assert_nonnull (text_of (empty_file, "error"));
  g_assert_cmpint (not_pdf->status, ==, 500);
  g_assert_nonnull (empty_file->json);
  g_assert_cmpint (chain_v2->status, ==, 200);
  g_assert_cmpint (chain_v1->status, ==, 200);
  g_assert_cmpstr (chain_v1->body, ==, chain_v2->body);
  g_assert_cmpint (unknown->status, ==, 400);
  g_assert_null (unknown->json);
}

/* ---- sign/pdf with the manual's bodies ----------------------------------- */

static char *
file_b64 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_base64_encode ((const guchar *) data, len);
}

/* A letter with the marker "#" where the signature goes, made by
 * ghostscript. */
static char *
letter_b64 (Fixture *f)
{
  g_autofree char *ps = g_build_filename (f->h->root, "letter.ps", NULL);
  g_autofree char *pdf = g_build_filename (f->h->root, "letter.pdf", NULL);
  g_autofree char *out = g_strconcat ("-sOutputFile=", pdf, NULL);
  const char *gs[] = { "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", out, ps, NULL };
  g_autofree char *output = NULL;

  g_assert_true (g_file_set_contents (ps, "%!PS\n<< /PageSize [595 842] >> setpagedevice\n"
                                          "/Helvetica findfont 16 scalefont setfont 72 760 moveto (SURAT KEPUTUSAN) show\n"
                                          "/Helvetica findfont 12 scalefont setfont 350 200 moveto (Kepala Dinas,) show\n"
                                          "380 160 moveto (#) show 350 90 moveto (Nama Pejabat) show\nshowpage\n",
                                      -1, NULL));
  g_assert_cmpint (ds_run (gs, NULL, &output), ==, 0);
  return file_b64 (pdf);
}

static char *
specimen_b64 (Fixture *f)
{
  g_autofree char *ps = g_build_filename (f->h->root, "spesimen.ps", NULL);
  g_autofree char *png = g_build_filename (f->h->root, "spesimen.png", NULL);
  g_autofree char *out = g_strconcat ("-sOutputFile=", png, NULL);
  const char *gs[] = { "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g300x100", out, ps, NULL };
  g_autofree char *output = NULL;

  g_assert_true (g_file_set_contents (ps, "%!PS\n0 0 0.6 setrgbcolor 10 10 280 80 rectfill showpage\n", -1, NULL));
  g_assert_cmpint (ds_run (gs, NULL, &output), ==, 0);
  return file_b64 (png);
}

static char *
write_reply_pdf (Fixture *f, DsReply *r, const char *name)
{
  json_object *files = NULL;
  g_autofree guint8 *pdf = NULL;
  gsize len = 0;
  char *path = g_build_filename (f->h->root, name, NULL);

  if (r->status != 200)
    g_error ("%s: %ld %s", name, r->status, r->body);
  g_assert_true (json_object_object_get_ex (r->json, "file", &files));
  g_assert_true (json_object_is_type (files, json_type_array));
  g_assert_cmpuint (json_object_array_length (files), ==, 1);
  g_assert_nonnull (text_of (r, "time"));
  pdf = g_base64_decode (json_object_get_string (json_object_array_get_idx (files, 0)), &len);
  g_assert_true (g_file_set_contents (path, (const char *) pdf, (gssize) len, NULL));
  return path;
}

/* The CMS of the file's (only) signature, from its /ByteRange gap. */
static char *
extract_cms (Fixture *f, const char *pdf_path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *br;
  guint64 a, b, c, d;
  g_autoptr(GByteArray) der = g_byte_array_new ();
  char *out = g_strconcat (pdf_path, ".p7s", NULL);

  g_assert_true (g_file_get_contents (pdf_path, &data, &len, NULL));
  br = g_strstr_len (data, (gssize) len, "/ByteRange");
  g_assert_nonnull (br);
  g_assert_cmpint (sscanf (br, "/ByteRange [%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                           " %" G_GUINT64_FORMAT, &a, &b, &c, &d), ==, 4);
  g_assert_cmpuint (c + d, ==, len);
  for (guint64 i = b + 1; i + 1 < c - 1; i += 2)
    {
      guint8 byte = (guint8) (g_ascii_xdigit_value (data[i]) << 4 | g_ascii_xdigit_value (data[i + 1]));
      g_byte_array_append (der, &byte, 1);
    }
  g_assert_true (g_file_set_contents (out, (const char *) der->data, der->len, NULL));
  return out;
}

/* pdfsig: valid; openssl: an RFC 3161 signature time-stamp token in the
 * unsigned attributes (PAdES-BASELINE-T); the service's own verify agrees. */
static void
assert_baseline_t (Fixture *f, const char *pdf)
{
  const char *pdfsig[] = { "pdfsig", pdf, NULL };
  g_autofree char *cms = extract_cms (f, pdf);
  const char *print[] = { "openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", cms, NULL };
  g_autofree char *sig_out = NULL;
  g_autofree char *cms_out = NULL;
  g_autofree char *b64 = file_b64 (pdf);
  g_autofree char *body = g_strdup_printf ("{\"file\": \"%s\"}", b64);
  g_autoptr(DsReply) verdict = ds_post (f->h, "/api/v2/verify/pdf", f->basic, body);
  json_object *infos = NULL, *format = NULL, *ts = NULL, *first;

  g_assert_cmpint (ds_run (pdfsig, NULL, &sig_out), ==, 0);
  g_assert_nonnull (strstr (sig_out, "Signature is Valid."));
  g_assert_nonnull (strstr (sig_out, "ETSI.CAdES.detached"));
  g_assert_cmpint (ds_run (print, NULL, &cms_out), ==, 0);
  g_assert_nonnull (strstr (cms_out, "id-smime-aa-timeStampToken"));
  g_assert_cmpint (verdict->status, ==, 200);
  if (g_strcmp0 (text_of (verdict, "conclusion"), "VALID") != 0)
    g_test_message ("verify/pdf: %s", json_object_to_json_string (verdict->json));
  g_assert_cmpstr (text_of (verdict, "conclusion"), ==, "VALID");
  g_assert_true (json_object_object_get_ex (verdict->json, "signatureInformations", &infos));
  first = json_object_array_get_idx (infos, 0);
  g_assert_true (json_object_object_get_ex (first, "signatureFormat", &format));
  g_assert_cmpstr (json_object_get_string (format), ==, "PAdES-BASELINE-T");
  g_assert_true (json_object_object_get_ex (first, "timestampInfomation", &ts));
  g_assert_true (json_object_is_type (ts, json_type_object));
}

/* The signature widget's /Rect, read by qpdf. */
static void
widget_rect (Fixture *f, const char *pdf, double rect[4])
{
  const char *fields[] = { "qpdf", "--json", "--json-key=acroform", pdf, NULL };
  g_autofree char *out = NULL;
  g_autofree char *object_out = NULL;
  g_autofree char *object_arg = NULL;
  g_autofree char *key = NULL;
  json_object *root, *v = NULL, *obj = NULL, *r = NULL;
  const char *ref;

  g_assert_cmpint (ds_run (fields, NULL, &out), ==, 0);
  root = json_tokener_parse (out);
  g_assert_true (json_object_object_get_ex (root, "acroform", &v) && json_object_object_get_ex (v, "fields", &v));
  g_assert_cmpuint (json_object_array_length (v), ==, 1);
  g_assert_true (json_object_object_get_ex (json_object_array_get_idx (v, 0), "annotation", &v)
                 && json_object_object_get_ex (v, "object", &v));
  ref = json_object_get_string (v);
  key = g_strconcat ("obj:", ref, NULL);
  object_arg = g_strdup_printf ("--json-object=%d", atoi (ref));
  {
    const char *object[] = { "qpdf", "--json", "--json-key=qpdf", object_arg, pdf, NULL };
    g_assert_cmpint (ds_run (object, NULL, &object_out), ==, 0);
  }
  json_object_put (root);
  root = json_tokener_parse (object_out);
  g_assert_true (json_object_object_get_ex (root, "qpdf", &v));
  obj = json_object_array_get_idx (v, 1);
  g_assert_true (json_object_object_get_ex (obj, key, &v) && json_object_object_get_ex (v, "value", &v)
                 && json_object_object_get_ex (v, "/Rect", &r));
  for (int i = 0; i < 4; i++)
    rect[i] = json_object_get_double (json_object_array_get_idx (r, i));
  json_object_put (root);
}

/* (a) invisible */
static void
test_manual_invisible (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = letter_b64 (f);
  g_autofree char *body = g_strdup_printf (
    "{\n  \"nik\": \"%s\",\n  \"passphrase\": \"%s\",\n  \"signatureProperties\": [\n    {\n"
    "      \"tampilan\": \"INVISIBLE\",\n      \"location\": \"Jakarta\",\n      \"reason\": \"Dokumen ini telah disetujui\",\n"
    "      \"contactInfo\": \"tte@besign-dev.go.id\"\n    }\n  ],\n  \"file\": [\n    \"%s\"\n  ]\n}",
    ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"), pdf);
  g_autoptr(DsReply) r = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  g_autofree char *out = write_reply_pdf (f, r, "a-invisible.pdf");
  double rect[4];

  assert_baseline_t (f, out);
  widget_rect (f, out, rect);
  g_assert_cmpfloat (rect[2] - rect[0], ==, 0);
}

/* (b) visible at originX/originY: top-left corner from the page's top-left */
static void
test_manual_visible_origin (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = letter_b64 (f);
  g_autofree char *image = specimen_b64 (f);
  g_autofree char *body = g_strdup_printf (
    "{\n  \"nik\": \"%s\",\n  \"passphrase\": \"%s\",\n  \"signatureProperties\": [\n    {\n"
    "      \"tampilan\": \"VISIBLE\",\n      \"imageBase64\": \"%s\",\n      \"page\": 1,\n      \"originX\": 100.0,\n"
    "      \"originY\": 150.0,\n      \"width\": 150.0,\n      \"height\": 50.0,\n      \"location\": \"Jakarta\",\n"
    "      \"reason\": \"Dokumen ini telah disetujui\",\n      \"contactInfo\": \"null\"\n    }\n  ],\n  \"file\": [\n    \"%s\"\n  ]\n}",
    ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"), image, pdf);
  g_autoptr(DsReply) r = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  g_autofree char *out = write_reply_pdf (f, r, "b-visible.pdf");
  double rect[4];

  assert_baseline_t (f, out);
  /* A4 without rotation: x from the left, y from the top. */
  widget_rect (f, out, rect);
  g_assert_cmpfloat (ABS (rect[0] - 100), <, 0.01);
  g_assert_cmpfloat (ABS (rect[1] - (842 - 150 - 50)), <, 0.01);
  g_assert_cmpfloat (ABS (rect[2] - 250), <, 0.01);
  g_assert_cmpfloat (ABS (rect[3] - (842 - 150)), <, 0.01);
}

/* (c) visible at the tag_koordinat marker */
static void
test_manual_visible_tag (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = letter_b64 (f);
  g_autofree char *image = specimen_b64 (f);
  g_autofree char *body = g_strdup_printf (
    "{\n  \"email\": \"%s\",\n  \"passphrase\": \"%s\",\n  \"signatureProperties\": [\n    {\n"
    "      \"tampilan\": \"VISIBLE\",\n      \"imageBase64\": \"%s\",\n      \"tag_koordinat\": \"#\",\n"
    "      \"width\": 120.0,\n      \"height\": 40.0,\n      \"location\": \"Jakarta\",\n      \"reason\": \"Disetujui\"\n"
    "    }\n  ],\n  \"file\": [\n    \"%s\"\n  ]\n}",
    ds_harness_account (f->h, "email"), ds_harness_account (f->h, "passphrase"), image, pdf);
  g_autoptr(DsReply) r = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  g_autofree char *out = write_reply_pdf (f, r, "c-tag.pdf");
  g_autofree char *letter = g_build_filename (f->h->root, "letter.pdf", NULL);
  const char *bbox[] = { "pdftotext", "-bbox", letter, "-", NULL };
  g_autofree char *words = NULL;
  const char *hash;
  double x_min = 0, y_min = 0, rect[4];

  assert_baseline_t (f, out);
  /* pdftotext's box of "#" (top-left origin); the widget's top-left is there. */
  g_assert_cmpint (ds_run (bbox, NULL, &words), ==, 0);
  hash = strstr (words, ">#</word>");
  g_assert_nonnull (hash);
  while (hash > words && strncmp (hash, "<word", 5) != 0)
    hash--;
  g_assert_cmpint (sscanf (hash, "<word xMin=\"%lf\" yMin=\"%lf\"", &x_min, &y_min), ==, 2);
  widget_rect (f, out, rect);
  g_test_message ("marker at %.2f,%.2f; widget %.2f %.2f %.2f %.2f", x_min, y_min, rect[0], rect[1], rect[2], rect[3]);
  g_assert_cmpfloat (ABS (rect[0] - x_min), <, 0.5);
  g_assert_cmpfloat (ABS (rect[3] - (842 - y_min)), <, 0.5);
  g_assert_cmpfloat (ABS (rect[2] - rect[0] - 120), <, 0.01);
  g_assert_cmpfloat (ABS (rect[3] - rect[1] - 40), <, 0.01);
}

/* (d) an e-mailed code instead of the passphrase ("otp", the manual's
 * other name for "totp") */
static void
test_manual_otp (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = letter_b64 (f);
  g_autofree char *ask = g_strdup_printf ("{\"nik\": \"%s\", \"data\": 1}", ds_harness_account (f->h, "nik"));
  g_autoptr(DsReply) sent = ds_post (f->h, "/api/v2/sign/get/totp", f->basic, ask);
  g_autofree char *code = ds_harness_mail_value (f->h, "Kode OTP penandatanganan anda: ");
  g_autofree char *body = g_strdup_printf (
    "{\n  \"nik\": \"%s\",\n  \"otp\": \"%s\",\n  \"signatureProperties\": [\n    {\n"
    "      \"tampilan\": \"INVISIBLE\",\n      \"reason\": \"Disetujui dengan OTP\"\n    }\n  ],\n"
    "  \"file\": [\n    \"%s\"\n  ]\n}", ds_harness_account (f->h, "nik"), code, pdf);
  g_autoptr(DsReply) r = NULL, replay = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (sent->status, ==, 200);
  g_assert_nonnull (code);
  r = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  out = write_reply_pdf (f, r, "d-otp.pdf");
  assert_baseline_t (f, out);
  replay = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  g_assert_cmpint (replay->status, ==, 401);
  g_assert_cmpstr (text_of (replay, "code"), ==, "INVALID_OTP");
}

/* Several files, one properties entry for all (as the SDKs send). */
static void
test_several_files (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = letter_b64 (f);
  g_autofree char *body = g_strdup_printf ("{\"nik\": \"%s\", \"passphrase\": \"%s\", \"signatureProperties\":"
                                           " [{\"tampilan\": \"INVISIBLE\"}], \"file\": [\"%s\", \"%s\", \"%s\"]}",
                                           ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"),
                                           pdf, pdf, pdf);
  g_autoptr(DsReply) r = ds_post (f->h, "/api/v2/sign/pdf", f->basic, body);
  json_object *files = NULL;

  g_assert_cmpint (r->status, ==, 200);
  g_assert_true (json_object_object_get_ex (r->json, "file", &files));
  g_assert_cmpuint (json_object_array_length (files), ==, 3);
}

/* A PDF protected by a user password (qpdf, AES-256): verify/pdf opens
 * it with "password"; sign/pdf checks pdfPassword and says plainly that
 * it does not sign encrypted files yet. */
static void
test_password_protected (Fixture *f, gconstpointer data)
{
  g_autofree char *plain = letter_b64 (f);
  g_autofree char *letter = g_build_filename (f->h->root, "letter.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->h->root, "locked.pdf", NULL);
  const char *qpdf[] = { "qpdf", "--encrypt", "rahasia-pengguna", "rahasia-pemilik", "256", "--", letter, locked, NULL };
  g_autofree char *b64 = NULL, *v_none = NULL, *v_wrong = NULL, *v_right = NULL;
  g_autofree char *s_none = NULL, *s_wrong = NULL, *s_right = NULL;
  g_autoptr(DsReply) none = NULL, wrong = NULL, right = NULL, sign_none = NULL, sign_wrong = NULL, sign_right = NULL;
  const char *sign_format = "{\"nik\": \"%s\", \"passphrase\": \"%s\", \"signatureProperties\":"
                            " [{\"tampilan\": \"INVISIBLE\"%s}], \"file\": [\"%s\"]}";

  g_assert_cmpint (ds_run (qpdf, NULL, NULL), ==, 0);
  b64 = file_b64 (locked);
  v_none = g_strdup_printf ("{\"file\": \"%s\"}", b64);
  v_wrong = g_strdup_printf ("{\"file\": \"%s\", \"password\": \"salah\"}", b64);
  v_right = g_strdup_printf ("{\"file\": \"%s\", \"password\": \"rahasia-pengguna\"}", b64);
  none = ds_post (f->h, "/api/v2/verify/pdf", f->basic, v_none);
  wrong = ds_post (f->h, "/api/v2/verify/pdf", f->basic, v_wrong);
  right = ds_post (f->h, "/api/v2/verify/pdf", f->basic, v_right);
  g_assert_cmpint (none->status, ==, 500);
  g_assert_cmpint (wrong->status, ==, 500);
  g_assert_cmpint (right->status, ==, 200);
  g_assert_cmpstr (text_of (right, "conclusion"), ==, "NO_SIGNATURE");
  s_none = g_strdup_printf (sign_format, ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"), "", b64);
  s_wrong = g_strdup_printf (sign_format, ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"),
                             ", \"pdfPassword\": \"salah\"", b64);
  s_right = g_strdup_printf (sign_format, ds_harness_account (f->h, "nik"), ds_harness_account (f->h, "passphrase"),
                             ", \"pdfPassword\": \"rahasia-pengguna\"", b64);
  sign_none = ds_post (f->h, "/api/v2/sign/pdf", f->basic, s_none);
  sign_wrong = ds_post (f->h, "/api/v2/sign/pdf", f->basic, s_wrong);
  sign_right = ds_post (f->h, "/api/v2/sign/pdf", f->basic, s_right);
  g_assert_cmpint (sign_none->status, ==, 400);
  g_assert_nonnull (strstr (text_of (sign_none, "error"), "isi pdfPassword"));
  g_assert_cmpint (sign_wrong->status, ==, 400);
  g_assert_nonnull (strstr (text_of (sign_wrong, "error"), "pdfPassword salah"));
  g_assert_cmpint (sign_right->status, ==, 400);
  g_assert_nonnull (strstr (text_of (sign_right, "error"), "belum dapat ditandatangani"));
  g_assert_nonnull (plain);
}

#define ADD(path, fn, tls) g_test_add (path, Fixture, GINT_TO_POINTER (tls), fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/esign/basic-on-every-endpoint", test_basic_on_every_endpoint, FALSE);
  ADD ("/esign/odd-requests", test_odd_requests, FALSE);
  ADD ("/esign/manual/a-invisible", test_manual_invisible, FALSE);
  ADD ("/esign/manual/b-visible-origin", test_manual_visible_origin, FALSE);
  ADD ("/esign/manual/c-visible-tag", test_manual_visible_tag, FALSE);
  ADD ("/esign/manual/d-otp", test_manual_otp, FALSE);
  ADD ("/esign/several-files", test_several_files, FALSE);
  ADD ("/esign/password-protected", test_password_protected, FALSE);
  /* Over HTTPS the server still reaches its own TSA. */
  ADD ("/esign/manual/a-invisible-over-tls", test_manual_invisible, TRUE);
  return g_test_run ();
}
