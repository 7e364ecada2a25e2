/* bs-pdf-structure.c — pages, their geometry, and the trailer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-object.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bound for walking /Parent chains that come from the file. */
#define MAX_TREE_DEPTH 64

/* Looks @key up on @node and its /Parent chain (ISO 32000-1 7.7.3.4). */
static BsPdfObj
get_inherited (BsPdfDocument *doc, BsPdfObj node, const char *key)
{
  for (int depth = 0; depth < MAX_TREE_DEPTH && bs_pdf_obj_type (doc, node) == BS_PDF_DICT; depth++)
    {
      if (bs_pdf_obj_has (doc, node, key))
        return bs_pdf_obj_get (doc, node, key);
      node = bs_pdf_obj_get (doc, node, "/Parent");
    }
  return bs_pdf_null (doc);
}

gboolean
bs_pdf_read_box (BsPdfDocument *doc, BsPdfObj array, BsPdfBox *box)
{
  double v[4];

  if (bs_pdf_obj_len (doc, array) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      BsPdfObj item = bs_pdf_obj_at (doc, array, i);
      BsPdfType t = bs_pdf_obj_type (doc, item);
      if (t != BS_PDF_INT && t != BS_PDF_REAL)
        return FALSE;
      v[i] = bs_pdf_obj_number (doc, item);
    }
  box->x0 = MIN (v[0], v[2]);
  box->y0 = MIN (v[1], v[3]);
  box->x1 = MAX (v[0], v[2]);
  box->y1 = MAX (v[1], v[3]);
  return box->x1 > box->x0 && box->y1 > box->y0;
}

static int
normalize_rotation (gint64 r)
{
  int q = (int) (((r % 360) + 360) % 360);

  /* Only multiples of 90 are meaningful (ISO 32000-1 Table 30). */
  return q - q % 90;
}

gboolean
bs_pdf_document_get_page (BsPdfDocument *doc, int index, BsPdfPage *page, GError **error)
{
  int n_pages = bs_pdf_document_get_n_pages (doc);
  BsPdfObj oh, rotate;
  BsPdfBox crop;

  if (index < 0 || index >= n_pages)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                   _("Page %d does not exist; the document has %d pages"), index + 1, n_pages);
      return FALSE;
    }
  oh = bs_pdf_page_object (doc, index);
  page->num = bs_pdf_obj_num (doc, oh);
  page->gen = bs_pdf_obj_gen (doc, oh);
  /* A missing MediaBox is an error in the file; readers assume US Letter. */
  if (!bs_pdf_read_box (doc, get_inherited (doc, oh, "/MediaBox"), &page->media))
    page->media = (BsPdfBox) { 0, 0, 612, 792 };
  page->crop = page->media;
  if (bs_pdf_read_box (doc, get_inherited (doc, oh, "/CropBox"), &crop))
    {
      page->crop.x0 = MAX (crop.x0, page->media.x0);
      page->crop.y0 = MAX (crop.y0, page->media.y0);
      page->crop.x1 = MIN (crop.x1, page->media.x1);
      page->crop.y1 = MIN (crop.y1, page->media.y1);
      if (page->crop.x1 <= page->crop.x0 || page->crop.y1 <= page->crop.y0)
        page->crop = page->media;
    }
  rotate = get_inherited (doc, oh, "/Rotate");
  page->rotate = normalize_rotation (bs_pdf_obj_int (doc, rotate));
  if (page->num == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_DAMAGED, _("Page %d is not a proper page object"),
                   index + 1);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_ref (BsPdfDocument *doc, BsPdfObj oh)
{
  if (!bs_pdf_obj_is_indirect (doc, oh))
    return NULL;
  return g_strdup_printf ("%u %u R", bs_pdf_obj_num (doc, oh), bs_pdf_obj_gen (doc, oh));
}

gboolean
bs_pdf_document_get_trailer (BsPdfDocument *doc, BsPdfTrailer *trailer, GError **error)
{
  BsPdfObj t = bs_pdf_trailer (doc);
  BsPdfObj id = bs_pdf_obj_get (doc, t, "/ID");

  memset (trailer, 0, sizeof *trailer);
  trailer->size = (guint64) MAX (bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, t, "/Size")), 0);
  trailer->root_ref = dup_ref (doc, bs_pdf_obj_get (doc, t, "/Root"));
  trailer->info_ref = dup_ref (doc, bs_pdf_obj_get (doc, t, "/Info"));
  if (bs_pdf_obj_len (doc, id) == 2)
    {
      trailer->id0 = bs_pdf_obj_dup_string (doc, bs_pdf_obj_at (doc, id, 0));
      trailer->id1 = bs_pdf_obj_dup_string (doc, bs_pdf_obj_at (doc, id, 1));
    }
  if (trailer->root_ref == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED, _("The PDF has no document catalog"));
      bs_pdf_trailer_clear (trailer);
      return FALSE;
    }
  return TRUE;
}

void
bs_pdf_trailer_clear (BsPdfTrailer *trailer)
{
  g_clear_pointer (&trailer->root_ref, g_free);
  g_clear_pointer (&trailer->info_ref, g_free);
  g_clear_pointer (&trailer->id0, g_bytes_unref);
  g_clear_pointer (&trailer->id1, g_bytes_unref);
}

gboolean
bs_pdf_document_new_object_numbers (BsPdfDocument *doc, guint count, guint *first, GError **error)
{
  gint64 size = bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, bs_pdf_trailer (doc), "/Size"));
  gint64 next = size;

  /* Opened strictly, qpdf has checked that /Size lies past every object
   * of every xref section (a smaller one is damage). Asking qpdf instead
   * (bs_pdf_max_object_number) makes it load every object of the file:
   * 800 MB for a million tiny ones. */
  if (bs_pdf_document_was_repaired (doc) || size <= 0)
    next = MAX ((gint64) bs_pdf_max_object_number (doc), MAX (size, 1));
  /* Readers stop at int32 numbers (qpdf) or allocate a table entry for
   * every number up to the highest (Poppler): an update past the limit
   * would be a file nobody can open. */
  if (next > (gint64) BS_PDF_MAX_OBJECT_NUMBER - (gint64) count + 1)
    {
      g_autofree char *declared = g_strdup_printf ("%" G_GINT64_FORMAT, next);

      g_set_error (error, BS_ERROR, BS_ERROR_TOO_LARGE,
                   _("The PDF declares %s objects, more than a PDF may have (%d)"),
                   declared, BS_PDF_MAX_OBJECT_NUMBER);
      return FALSE;
    }
  *first = (guint) next;
  return TRUE;
}
