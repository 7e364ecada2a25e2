/* bs-pdf-text.c — see bs-pdf-text.h.
 *
 * Poppler-GLib's text layout is the one the window shows and pdftotext
 * prints, so a marker is found where a person sees it. The rest of the
 * core reads PDFs with qpdf; this is the one file that asks Poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-text.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

static PopplerDocument *
open_document (const char *path, const char *password, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  PopplerDocument *doc = poppler_document_new_from_file (uri, password, &local);

  if (doc != NULL)
    return doc;
  if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED,
                         password ? _("The PDF's password is wrong") : _("The PDF is password-protected"));
  else
    g_set_error (error, BS_ERROR, BS_ERROR_NOT_PDF, _("The PDF cannot be read: %s"), local->message);
  return NULL;
}

/* Poppler gives matches in displayed orientation with a bottom-left
 * origin (it flips y with the page's displayed height). */
static gboolean
first_match (PopplerPage *page, const char *text, BsDisplayRect *box)
{
  GList *matches = poppler_page_find_text_with_options (page, text, POPPLER_FIND_CASE_SENSITIVE);
  double width = 0, height = 0;
  PopplerRectangle *r;

  if (matches == NULL)
    return FALSE;
  r = matches->data;
  poppler_page_get_size (page, &width, &height);
  box->x = MIN (r->x1, r->x2);
  box->y = height - MAX (r->y1, r->y2);
  box->width = ABS (r->x2 - r->x1);
  box->height = ABS (r->y2 - r->y1);
  g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
  return TRUE;
}

/* The first page in [@first, @last] with @text, or 0. */
static int
search_pages (PopplerDocument *doc, int first, int last, const char *text, BsDisplayRect *box)
{
  for (int i = first; i <= last; i++)
    {
      PopplerPage *p = poppler_document_get_page (doc, i - 1);
      gboolean found = p != NULL && first_match (p, text, box);

      g_clear_object (&p);
      if (found)
        return i;
    }
  return 0;
}

gboolean
bs_pdf_find_text (const char *path, const char *password, int *page, const char *text, BsDisplayRect *box,
                  GError **error)
{
  PopplerDocument *doc;
  int n, found = 0;

  g_return_val_if_fail (path != NULL && page != NULL && text != NULL && box != NULL, FALSE);
  if (*text == '\0')
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("The text to look for is empty"));
      return FALSE;
    }
  if ((doc = open_document (path, password, error)) == NULL)
    return FALSE;
  n = poppler_document_get_n_pages (doc);
  if (*page < 0 || *page > n)
    g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("The PDF has no page %d (it has %d)"), *page, n);
  else if ((found = search_pages (doc, *page > 0 ? *page : 1, *page > 0 ? *page : n, text, box)) > 0)
    *page = found;
  else if (*page > 0)
    g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("“%s” is not on page %d"), text, *page);
  else
    g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("“%s” is not in the PDF"), text);
  g_object_unref (doc);
  return found > 0;
}
