/* ds-pdf-job.c — see ds-pdf-job.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-pdf-job.h"
#include "ds-placement.h"
#include "bs-error.h"
#include "bs-pdf-document.h"
#include "bs-signer-pkcs12.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  BsSigner    *signer;
  json_object *files;      /* borrowed from the deferred request's body */
  json_object *props;      /* the same, or NULL */
  char        *tmp_dir;
  char        *tsa_url;
  char        *subject, *action;
  gint64       start;
  GPtrArray   *signed_b64; /* one base64 PDF per file */
  guint        failed;     /* 1-based index of the file that failed, or 0 */
  GError      *error;
} Job;

static void
job_free (Job *j)
{
  g_clear_object (&j->signer);
  g_free (j->tmp_dir);
  g_free (j->tsa_url);
  g_free (j->subject);
  g_free (j->action);
  g_ptr_array_unref (j->signed_b64);
  g_clear_error (&j->error);
  g_free (j);
}

json_object *
ds_pdf_job_files (DsRequest *req)
{
  json_object *files = NULL;

  if (!json_object_object_get_ex (req->body, "file", &files) || !json_object_is_type (files, json_type_array)
      || json_object_array_length (files) == 0)
    {
      ds_reply_bad_request (req, "Kolom file wajib berisi daftar PDF dalam base64");
      return NULL;
    }
  for (size_t i = 0; i < json_object_array_length (files); i++)
    if (!json_object_is_type (json_object_array_get_idx (files, i), json_type_string))
      {
        ds_reply_bad_request (req, "Setiap isi kolom file harus PDF dalam base64");
        return NULL;
      }
  return files;
}

static json_object *
props_for (Job *j, size_t i)
{
  size_t n = j->props && json_object_is_type (j->props, json_type_array) ? json_object_array_length (j->props) : 0;

  return n > 0 ? json_object_array_get_idx (j->props, MIN (i, n - 1)) : NULL;
}

static char *
read_base64 (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &data, &len, error) ? g_base64_encode ((const guchar *) data, len) : NULL;
}

/* The core signs no encrypted PDF yet (new objects would need the
 * document's encryption); say so precisely, after checking pdfPassword. */
static void
explain_encrypted (const char *pdf, const char *password, GError **error)
{
  g_autoptr(GError) opened = NULL;
  g_autoptr(BsPdfDocument) doc = password ? bs_pdf_document_open_password (pdf, BS_PDF_OPEN_ALLOW_ENCRYPTED,
                                                                           password, &opened) : NULL;

  g_clear_error (error);
  if (password == NULL)
    g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED, "Dokumen dilindungi kata sandi (isi pdfPassword)");
  else if (doc == NULL)
    g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED, "pdfPassword salah");
  else
    g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED,
                         "Dokumen terenkripsi belum dapat ditandatangani oleh server pengembangan; "
                         "kirim dokumen tanpa proteksi");
}

/* One document: decode, place, sign at B-T, encode. */
static char *
sign_one (Job *j, size_t i, GError **error)
{
  gsize len = 0;
  g_autofree guint8 *pdf = g_base64_decode (json_object_get_string (json_object_array_get_idx (j->files, i)), &len);
  g_autofree char *in = len > 0 ? ds_placement_write_temp (j->tmp_dir, pdf, len, ".pdf") : NULL;
  g_autoptr(GPtrArray) results = NULL;
  DsPlacement p;
  BsSignResult *r;
  char *out = NULL;
  const char *inputs[2] = { in, NULL };

  if (in == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_NOT_PDF, "Dokumen kosong atau bukan base64");
      return NULL;
    }
  if (ds_placement_read (&p, props_for (j, i), in, j->tmp_dir, error))
    {
      p.options.output_dir = j->tmp_dir;
      p.options.level = BS_SIGN_LEVEL_B_T;
      p.options.tsa_url = j->tsa_url;
      results = bs_sign_files (inputs, &p.options, j->signer, NULL, NULL, NULL);
      r = g_ptr_array_index (results, 0);
      if (r->output == NULL && g_error_matches (r->error, BS_ERROR, BS_ERROR_ENCRYPTED))
        explain_encrypted (in, p.pdf_password, error);
      else if (r->output == NULL)
        g_propagate_error (error, g_error_copy (r->error));
      else
        {
          out = read_base64 (r->output, error);
          g_unlink (r->output);
        }
    }
  ds_placement_clear (&p);
  g_unlink (in);
  return out;
}

static void
job_work (gpointer data)
{
  Job *j = data;

  for (size_t i = 0; i < json_object_array_length (j->files); i++)
    {
      char *b64 = sign_one (j, i, &j->error);
      if (b64 == NULL)
        {
          j->failed = (guint) i + 1;
          return;
        }
      g_ptr_array_add (j->signed_b64, b64);
    }
}

/* What went wrong is the integrator's (400) unless the service itself
 * failed (its TSA): then 500, as a real service would. */
static void
reply_failure (DsRequest *req, Job *j)
{
  g_autofree char *message = g_strdup_printf ("Dokumen ke-%u tidak dapat ditandatangani: %s", j->failed,
                                              j->error ? j->error->message : "kesalahan tidak dikenal");
  gboolean ours = j->error && (j->error->domain != BS_ERROR
                               || j->error->code == BS_ERROR_CRYPTO || j->error->code == BS_ERROR_IO
                               || j->error->code == BS_ERROR_NO_SPACE);

  if (ours)
    ds_reply_error (req, 500, "SERVER_ERROR", 5000, message, NULL);
  else
    ds_reply_bad_request (req, message);
}

static void
job_finish (DsRequest *req, gpointer data)
{
  Job *j = data;
  json_object *files, *o;

  if (j->failed)
    {
      reply_failure (req, j);
      return;
    }
  files = json_object_new_array ();
  for (guint i = 0; i < j->signed_b64->len; i++)
    json_object_array_add (files, json_object_new_string (g_ptr_array_index (j->signed_b64, i)));
  ds_db_begin (req->server->db);
  ds_db_audit (req->server->db, j->subject, j->action, req->integration);
  ds_db_commit (req->server->db);
  o = json_object_new_object ();
  json_object_object_add (o, "time", json_object_new_int64 ((g_get_monotonic_time () - j->start) / 1000));
  json_object_object_add (o, "file", files);
  ds_reply_json (req, 200, o);
}

void
ds_pdf_job_run (DsRequest *req, EVP_PKEY *key, STACK_OF (X509) *chain, const char *subject, const char *action)
{
  Job *j = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  j->signer = bs_signer_key_new (key, sk_X509_value (chain, 0), chain, &error);
  if (j->signer == NULL)
    {
      job_free (j);
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Kunci penanda tangan tidak dapat digunakan", NULL);
      return;
    }
  json_object_object_get_ex (req->body, "file", &j->files);
  json_object_object_get_ex (req->body, "signatureProperties", &j->props);
  j->tmp_dir = g_build_filename (req->server->data_dir, "tmp", NULL);
  j->tsa_url = g_strconcat (req->server->pki_url, "/tsa", NULL);
  j->subject = g_strdup (subject);
  j->action = g_strdup (action);
  j->start = g_get_monotonic_time ();
  j->signed_b64 = g_ptr_array_new_with_free_func (g_free);
  ds_request_defer (req, job_work, job_finish, j, (GDestroyNotify) job_free);
}
