/* bs-sign-server-side.c — see bs-sign-server-side.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign-server-side.h"
#include "bs-error.h"
#include "bs-output.h"
#include "bs-pdf-document.h"
#include "bs-platform.h"
#include "bs-sign-marker.h"
#include "bs-verify.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  BsSignResult        *result;      /* borrowed from the results */
  const BsSignOptions *options;
  GBytes              *sent;        /* the bytes sent, or NULL when the document failed here */
  GBytes              *image;
  BsBsrePdfAppearance  appearance;
} Document;

static void
document_clear (Document *d)
{
  g_clear_pointer (&d->sent, g_bytes_unref);
  g_clear_pointer (&d->image, g_bytes_unref);
}

/* One read: what is checked here is byte for byte what is sent. */
static GBytes *
read_regular_file (const char *path, GError **error)
{
  GStatBuf st;
  char *data = NULL;
  gsize len = 0;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("%s is not a file that can be read"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return g_bytes_new_take (data, len);
}

/* The page exists and the box lies on it, as local signing requires:
 * better said here than by the service after the upload. A box asked
 * for at a marker text is placed here, as local signing places it, and
 * sent as originX/originY: what was checked is what the service gets. */
static gboolean
check_placement (GBytes *pdf, const char *path, const BsSignOptions *o, int *page_no, BsDisplayRect *rect,
                 GError **error)
{
  g_autoptr(BsPdfDocument) doc = NULL;
  const char *password = o->pdf_password ? bs_secret_get (o->pdf_password) : NULL;
  BsPdfPage page;
  BsPdfBox user;

  *page_no = MAX (o->page, 1);
  *rect = o->rect;
  if (!o->visible)
    return TRUE;
  doc = bs_pdf_document_open_bytes_password (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                             BS_PDF_OPEN_ALLOW_RECOVERY, password, error);
  if (doc != NULL && o->at_text != NULL)
    {
      *page_no = o->page;
      if (!bs_sign_place_at_text (doc, path, password, o->at_text, page_no, rect, error))
        return FALSE;
    }
  return doc != NULL && bs_pdf_document_get_page (doc, *page_no - 1, &page, error)
         && bs_pdf_page_display_to_user (&page, rect, &user, error);
}

static gboolean
prepare (Document *d, GError **error)
{
  const BsSignOptions *o = d->options;
  char *img = NULL;
  gsize img_len = 0;
  int page;
  BsDisplayRect box;

  if (o->field_name != NULL || o->certify != 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                           _("Signing into a signature field and certifying are only possible when signing on "
                             "this computer, not by the service"));
      return FALSE;
    }
  d->sent = read_regular_file (d->result->input, error);
  if (d->sent == NULL || !check_placement (d->sent, d->result->input, o, &page, &box, error))
    return FALSE;
  if (o->visible && o->image_path != NULL)
    {
      if (!g_file_get_contents (o->image_path, &img, &img_len, error))
        return FALSE;
      d->image = g_bytes_new_take (img, img_len);
    }
  d->appearance = (BsBsrePdfAppearance) {
    .visible = o->visible, .page = page, .box = box, .image = d->image,
    .reason = o->reason, .location = o->location, .contact = o->contact, .pdf_password = o->pdf_password,
  };
  return TRUE;
}

/* SHA-256 (hex) of the signer's certificate, the first of its chain. */
static char *
expected_signer (BsBsreSession *session, const char *signer_id, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) chain = bs_bsre_certificate_chain (session, signer_id, cancellable, error);

  return chain ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, g_ptr_array_index (chain, 0)) : NULL;
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
               _("The service's answer was not written: %s"), why);
  return FALSE;
}

/* The signatures added to what was sent: one at least, each intact and
 * made with the signer's certificate. */
static gboolean
check_new_signatures (BsVerifyReport *report, gsize sent_len, const char *signer_sha256, GError **error)
{
  guint added = 0;

  if (report->verdict == BS_VERDICT_ERROR)
    return refuse (error, report->error ? report->error : _("it is not a readable PDF"));
  for (guint i = 0; i < report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (report->signatures, i);
      const gint64 *br = r->field->byte_range;
      BsCertInfo *signer;

      if (r->doc_timestamp || !r->field->byte_range_ok || br[2] + br[3] <= (gint64) sent_len)
        continue;
      added++;
      /* Intact and unchanged is what an answer must prove; whether the
       * chain or its revocation can be decided here is the verifier's
       * to report later (INDETERMINATE is not broken). */
      if (r->integrity != BS_INTEGRITY_INTACT
          || (r->verdict != BS_VERDICT_VALID && r->verdict != BS_VERDICT_UNTRUSTED && r->verdict != BS_VERDICT_INDETERMINATE))
        return refuse (error, _("the signature the service added does not verify"));
      signer = r->certificates->len > 0 ? g_ptr_array_index (r->certificates, 0) : NULL;
      if (signer == NULL || g_ascii_strcasecmp (signer->sha256, signer_sha256) != 0)
        return refuse (error, _("the signature the service added is not by the signer's certificate"));
    }
  return added > 0 || refuse (error, _("the document came back without a new signature"));
}

/* Verifies @got as a file (the verifier reads files) in a private
 * temporary of the output folder, removed at once. */
static gboolean
check_answer (GBytes *sent, GBytes *got, const char *signer_sha256, const BsSignOptions *o,
              GCancellable *cancellable, GError **error)
{
  gsize sent_len = g_bytes_get_size (sent), got_len = g_bytes_get_size (got);
  const BsVerifyOptions verify_options = { .pdf_password = o->pdf_password };
  const char *dir = o->output_dir;
  g_autoptr(BsVerifyReport) report = NULL;
  g_autofree char *tmp = NULL;
  gboolean written;
  int fd;

  if (got_len <= sent_len || memcmp (g_bytes_get_data (got, NULL), g_bytes_get_data (sent, NULL), sent_len) != 0)
    return refuse (error, _("the document that came back does not begin with the document that was sent"));
  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = bs_platform_create_temp (dir, &tmp, error)) < 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot create the output folder %s: %s"), dir,
                     g_strerror (errno));
      return FALSE;
    }
  written = bs_platform_write_all (fd, g_bytes_get_data (got, NULL), got_len, error);
  bs_platform_close (fd);
  if (written)
    report = bs_verify_file (tmp, &verify_options, cancellable, error);
  g_unlink (tmp);
  return report != NULL && check_new_signatures (report, sent_len, signer_sha256, error);
}

static char *
write_output (GBytes *pdf, const BsSignResult *r, const BsSignOptions *o, GError **error)
{
  g_autoptr(BsOutput) out = bs_output_new (o->output_dir, error);
  g_autofree char *name = o->output_name ? g_strdup (o->output_name) : bs_output_signed_name (r->input);

  if (out == NULL || !bs_output_write (out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
    return NULL;
  return bs_output_commit (g_steal_pointer (&out), name, error);
}

/* Sends every prepared document in one request; each gets its output or
 * its error. */
static void
sign_prepared (BsBsreSession *session, const char *signer_id, const BsBsreSigningAuth *auth, Document *docs,
               guint n, GCancellable *cancellable)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new ();
  g_autoptr(GPtrArray) appearances = g_ptr_array_new ();
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *signer_sha256 = NULL;
  g_autoptr(GError) error = NULL;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    if (docs[i].sent != NULL)
      {
        g_ptr_array_add (pdfs, docs[i].sent);
        g_ptr_array_add (appearances, &docs[i].appearance);
      }
  if (pdfs->len == 0)
    return;
  signer_sha256 = expected_signer (session, signer_id, cancellable, &error);
  if (signer_sha256 != NULL)
    answers = bs_bsre_sign_pdf (session, signer_id, auth, pdfs, (const BsBsrePdfAppearance *const *) appearances->pdata,
                                cancellable, &error);
  for (guint i = 0; i < n; i++)
    {
      Document *d = &docs[i];
      GBytes *got;

      if (d->sent == NULL)
        continue;
      if (answers == NULL)
        {
          d->result->error = g_error_copy (error);
          continue;
        }
      got = g_ptr_array_index (answers, k++);
      if (check_answer (d->sent, got, signer_sha256, d->options, cancellable, &d->result->error))
        d->result->output = write_output (got, d->result, d->options, &d->result->error);
    }
}

GPtrArray *
bs_sign_files_server_side_each (BsBsreSession *session, const char *signer_id, const BsBsreSigningAuth *auth,
                                const char * const *inputs, const BsSignOptions * const *options,
                                BsSignProgress progress, gpointer user_data, GCancellable *cancellable)
{
  guint n = inputs ? g_strv_length ((char **) inputs) : 0;
  GPtrArray *results = g_ptr_array_new_full (n, (GDestroyNotify) bs_sign_result_free);
  Document *docs = g_new0 (Document, MAX (n, 1));

  g_return_val_if_fail ((auth->passphrase == NULL) != (auth->otp == NULL), results);
  for (guint i = 0; i < n; i++)
    {
      BsSignResult *r = g_new0 (BsSignResult, 1);
      r->input = g_strdup (inputs[i]);
      g_ptr_array_add (results, r);
      docs[i] = (Document) { .result = r, .options = options[i] };
      if (!prepare (&docs[i], &r->error))
        g_clear_pointer (&docs[i].sent, g_bytes_unref);
    }
  sign_prepared (session, signer_id, auth, docs, n, cancellable);
  for (guint i = 0; i < n; i++)
    {
      document_clear (&docs[i]);
      if (progress != NULL)
        progress (g_ptr_array_index (results, i), i + 1, n, user_data);
    }
  g_free (docs);
  return results;
}

GPtrArray *
bs_sign_files_server_side (BsBsreSession *session, const char *signer_id, const BsBsreSigningAuth *auth,
                           const char * const *inputs, const BsSignOptions *options, BsSignProgress progress,
                           gpointer user_data, GCancellable *cancellable)
{
  guint n = inputs ? g_strv_length ((char **) inputs) : 0;
  g_autofree const BsSignOptions **each = g_new0 (const BsSignOptions *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    each[i] = options;
  return bs_sign_files_server_side_each (session, signer_id, auth, inputs, each, progress, user_data, cancellable);
}
