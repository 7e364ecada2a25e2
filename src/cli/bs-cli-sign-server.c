/* bs-cli-sign-server.c — see bs-cli-sign-server.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli-sign-server.h"
#include "bs-output.h"
#include "bs-pdf-geometry.h"

#include <glib/gi18n.h>

/* The service reads the box in PDF points from the bottom-left corner of
 * the unrotated page: the user-space box of what the person placed. */
static gboolean
appearance_for (const char *path, const BsSignOptions *o, BsBsrePdfAppearance *a, GError **error)
{
  BsPdfDocument *doc;
  BsPdfPage page;
  BsPdfBox box;
  gboolean ok;

  *a = (BsBsrePdfAppearance) { .visible = o->visible, .page = o->page, .reason = o->reason,
                               .location = o->location, .contact = o->contact };
  if (!o->visible)
    return TRUE;
  doc = bs_pdf_document_open (path, error);
  ok = doc != NULL && bs_pdf_document_get_page (doc, o->page - 1, &page, error)
       && bs_pdf_page_display_to_user (&page, &o->rect, &box, error);
  if (doc != NULL)
    bs_pdf_document_free (doc);
  if (ok)
    {
      a->x = box.x0 - page.media.x0;
      a->y = box.y0 - page.media.y0;
      a->width = box.x1 - box.x0;
      a->height = box.y1 - box.y0;
    }
  return ok;
}

static char *
write_output (GBytes *pdf, const char *input, const BsSignOptions *o, GError **error)
{
  g_autoptr(BsOutput) out = bs_output_new (o->output_dir, error);
  g_autofree char *name = o->output_name ? g_strdup (o->output_name) : bs_output_signed_name (input);

  if (out == NULL || !bs_output_write (out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
    return NULL;
  return bs_output_commit (g_steal_pointer (&out), name, error);
}

static char *
sign_one (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth, const char *input,
          const BsSignOptions *o, GError **error)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) signed_pdfs = NULL;
  g_autoptr(GBytes) image = NULL;
  BsBsrePdfAppearance appearance;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!appearance_for (input, o, &appearance, error) || !g_file_get_contents (input, &data, &len, error))
    return NULL;
  if (o->image_path != NULL)
    {
      g_autofree char *img = NULL;
      gsize img_len = 0;
      if (!g_file_get_contents (o->image_path, &img, &img_len, error))
        return NULL;
      image = g_bytes_new_take (g_steal_pointer (&img), img_len);
      appearance.image = image;
    }
  g_ptr_array_add (pdfs, g_bytes_new_take (g_steal_pointer (&data), len));
  signed_pdfs = bs_bsre_sign_pdf (session, who, auth, &appearance, pdfs, NULL, error);
  return signed_pdfs ? write_output (g_ptr_array_index (signed_pdfs, 0), input, o, error) : NULL;
}

GPtrArray *
bs_cli_sign_server_side (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth,
                         GPtrArray *files, const BsSignOptions *options)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_sign_result_free);

  for (guint i = 0; i < files->len; i++)
    {
      BsSignResult *r = g_new0 (BsSignResult, 1);
      r->input = g_strdup (g_ptr_array_index (files, i));
      r->output = sign_one (session, who, auth, r->input, options, &r->error);
      g_ptr_array_add (results, r);
      bs_cli_sign_progress (r, i + 1, files->len, NULL);
      /* An e-mailed code is single use: it cannot cover a second request. */
      if (auth->otp != NULL)
        {
          for (guint j = i + 1; j < files->len; j++)
            {
              BsSignResult *skipped = g_new0 (BsSignResult, 1);
              skipped->input = g_strdup (g_ptr_array_index (files, j));
              g_set_error_literal (&skipped->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("Not signed: an e-mailed code covers one request; sign the rest with a new code"));
              g_ptr_array_add (results, skipped);
              bs_cli_sign_progress (skipped, j + 1, files->len, NULL);
            }
          break;
        }
    }
  return results;
}
