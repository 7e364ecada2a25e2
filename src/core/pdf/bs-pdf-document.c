/* bs-pdf-document.c — the qpdf C API, wrapped once.
 *
 * Rules of qpdf's C API followed here: every string qpdf returns is copied
 * before the next call, qpdf_has_error() is checked after calls that can
 * fail, and one qpdf_data belongs to one document (and so one thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-document.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 64
#define MAX_FIELDS 100000

struct _BsPdfDocument {
  qpdf_data q;
};

static gboolean
take_error (BsPdfDocument *doc, BsError code, GError **error)
{
  qpdf_error e;

  if (!qpdf_has_error (doc->q))
    return FALSE;
  e = qpdf_get_error (doc->q);
  g_set_error (error, BS_ERROR, code, _("The PDF cannot be read: %s"),
               qpdf_get_error_message_detail (doc->q, e));
  return TRUE;
}

static gboolean
starts_like_pdf (const char *path, GError **error)
{
  char head[1024];
  FILE *f = g_fopen (path, "rb");
  size_t n;

  if (f == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot open %s"), path);
      return FALSE;
    }
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  /* ISO 32000-1 7.5.2: the header; readers accept it within the first
   * kilobyte. */
  if (n < 8 || memmem (head, n, "%PDF-", 5) == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_NOT_PDF,
                           _("The file is not a PDF document"));
      return FALSE;
    }
  return TRUE;
}

static BsError
map_read_error (qpdf_data q, qpdf_error e)
{
  switch (qpdf_get_error_code (q, e))
    {
    case qpdf_e_password:
      return BS_ERROR_ENCRYPTED;
    case qpdf_e_system:
      return BS_ERROR_IO;
    case qpdf_e_unsupported:
    case qpdf_e_damaged_pdf:
    case qpdf_e_pages:
    case qpdf_e_object:
    case qpdf_e_internal:
    case qpdf_e_json:
    case qpdf_e_linearization:
    case qpdf_e_success:
    default:
      return BS_ERROR_DAMAGED;
    }
}

static gboolean
read_strictly (BsPdfDocument *doc, const char *path, GError **error)
{
  QPDF_ERROR_CODE rc;

  qpdf_silence_errors (doc->q);
  qpdf_set_suppress_warnings (doc->q, QPDF_TRUE);
  /* A file qpdf must reconstruct is damaged: signing it would sign what
   * qpdf guessed, not what other readers see. */
  qpdf_set_attempt_recovery (doc->q, QPDF_FALSE);
  rc = qpdf_read (doc->q, path, NULL);
  if (rc & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (doc->q);
      BsError code = map_read_error (doc->q, e);
      if (code == BS_ERROR_ENCRYPTED)
        g_set_error_literal (error, BS_ERROR, code,
                             _("The PDF is password-protected; remove the protection before signing"));
      else
        g_set_error (error, BS_ERROR, code, _("The PDF is damaged and cannot be signed safely: %s"),
                     qpdf_get_error_message_detail (doc->q, e));
      return FALSE;
    }
  if (qpdf_more_warnings (doc->q))
    {
      qpdf_error w = qpdf_next_warning (doc->q);
      g_set_error (error, BS_ERROR, BS_ERROR_DAMAGED,
                   _("The PDF is damaged and cannot be signed safely: %s"),
                   qpdf_get_error_message_detail (doc->q, w));
      return FALSE;
    }
  if (qpdf_is_encrypted (doc->q))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED,
                           _("The PDF is encrypted; remove the protection before signing"));
      return FALSE;
    }
  return TRUE;
}

BsPdfDocument *
bs_pdf_document_open (const char *path, GError **error)
{
  g_autoptr(BsPdfDocument) doc = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!starts_like_pdf (path, error))
    return NULL;
  doc = g_new0 (BsPdfDocument, 1);
  doc->q = qpdf_init ();
  if (!read_strictly (doc, path, error))
    return NULL;
  if (bs_pdf_document_get_n_pages (doc) <= 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("The PDF has no readable pages"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

void
bs_pdf_document_free (BsPdfDocument *doc)
{
  if (doc == NULL)
    return;
  qpdf_cleanup (&doc->q);
  g_free (doc);
}

int
bs_pdf_document_get_n_pages (BsPdfDocument *doc)
{
  int n = qpdf_get_num_pages (doc->q);

  if (qpdf_has_error (doc->q))
    {
      qpdf_get_error (doc->q);
      return -1;
    }
  return n;
}

/* Looks @key up on @node and its /Parent chain (ISO 32000-1 7.7.3.4). */
static qpdf_oh
get_inherited (BsPdfDocument *doc, qpdf_oh node, const char *key)
{
  for (int depth = 0; depth < MAX_TREE_DEPTH && qpdf_oh_is_dictionary (doc->q, node); depth++)
    {
      if (qpdf_oh_has_key (doc->q, node, key))
        return qpdf_oh_get_key (doc->q, node, key);
      node = qpdf_oh_get_key (doc->q, node, "/Parent");
    }
  return qpdf_oh_new_null (doc->q);
}

static gboolean
read_box (BsPdfDocument *doc, qpdf_oh array, BsPdfBox *box)
{
  double v[4];

  if (!qpdf_oh_is_array (doc->q, array) || qpdf_oh_get_array_n_items (doc->q, array) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh item = qpdf_oh_get_array_item (doc->q, array, i);
      if (!qpdf_oh_is_number (doc->q, item))
        return FALSE;
      v[i] = qpdf_oh_get_numeric_value (doc->q, item);
    }
  box->x0 = MIN (v[0], v[2]);
  box->y0 = MIN (v[1], v[3]);
  box->x1 = MAX (v[0], v[2]);
  box->y1 = MAX (v[1], v[3]);
  return box->x1 > box->x0 && box->y1 > box->y0;
}

static int
normalize_rotation (long long r)
{
  int q = (int) (((r % 360) + 360) % 360);

  /* Only multiples of 90 are meaningful (ISO 32000-1 Table 30). */
  return q - q % 90;
}

gboolean
bs_pdf_document_get_page (BsPdfDocument *doc, int index, BsPdfPage *page, GError **error)
{
  qpdf_oh oh, rotate;
  BsPdfBox crop;

  if (index < 0 || index >= bs_pdf_document_get_n_pages (doc))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                   _("Page %d does not exist; the document has %d pages"),
                   index + 1, bs_pdf_document_get_n_pages (doc));
      return FALSE;
    }
  oh = qpdf_get_page_n (doc->q, (size_t) index);
  if (take_error (doc, BS_ERROR_DAMAGED, error))
    return FALSE;
  page->num = (guint) qpdf_oh_get_object_id (doc->q, oh);
  page->gen = (guint) qpdf_oh_get_generation (doc->q, oh);
  if (!read_box (doc, get_inherited (doc, oh, "/MediaBox"), &page->media))
    {
      /* A missing MediaBox is an error in the file; US Letter is what
       * readers assume. */
      page->media = (BsPdfBox) { 0, 0, 612, 792 };
    }
  page->crop = page->media;
  if (read_box (doc, get_inherited (doc, oh, "/CropBox"), &crop))
    {
      page->crop.x0 = MAX (crop.x0, page->media.x0);
      page->crop.y0 = MAX (crop.y0, page->media.y0);
      page->crop.x1 = MIN (crop.x1, page->media.x1);
      page->crop.y1 = MIN (crop.y1, page->media.y1);
      if (page->crop.x1 <= page->crop.x0 || page->crop.y1 <= page->crop.y0)
        page->crop = page->media;
    }
  rotate = get_inherited (doc, oh, "/Rotate");
  page->rotate = qpdf_oh_is_integer (doc->q, rotate)
                 ? normalize_rotation (qpdf_oh_get_int_value (doc->q, rotate)) : 0;
  return !take_error (doc, BS_ERROR_DAMAGED, error);
}

static GBytes *
dup_string_bytes (BsPdfDocument *doc, qpdf_oh str)
{
  size_t len = 0;
  const char *data;

  if (!qpdf_oh_is_string (doc->q, str))
    return NULL;
  data = qpdf_oh_get_binary_string_value (doc->q, str, &len);
  return g_bytes_new (data, len);
}

static char *
dup_ref (BsPdfDocument *doc, qpdf_oh oh)
{
  if (!qpdf_oh_is_indirect (doc->q, oh))
    return NULL;
  return g_strdup_printf ("%d %d R", qpdf_oh_get_object_id (doc->q, oh),
                          qpdf_oh_get_generation (doc->q, oh));
}

gboolean
bs_pdf_document_get_trailer (BsPdfDocument *doc, BsPdfTrailer *trailer, GError **error)
{
  qpdf_oh t = qpdf_get_trailer (doc->q);
  qpdf_oh size = qpdf_oh_get_key (doc->q, t, "/Size");
  qpdf_oh id = qpdf_oh_get_key (doc->q, t, "/ID");

  memset (trailer, 0, sizeof *trailer);
  trailer->size = qpdf_oh_is_integer (doc->q, size)
                  ? (guint64) MAX (qpdf_oh_get_int_value (doc->q, size), 0) : 0;
  trailer->root_ref = dup_ref (doc, qpdf_oh_get_key (doc->q, t, "/Root"));
  trailer->info_ref = dup_ref (doc, qpdf_oh_get_key (doc->q, t, "/Info"));
  if (qpdf_oh_is_array (doc->q, id) && qpdf_oh_get_array_n_items (doc->q, id) == 2)
    {
      trailer->id0 = dup_string_bytes (doc, qpdf_oh_get_array_item (doc->q, id, 0));
      trailer->id1 = dup_string_bytes (doc, qpdf_oh_get_array_item (doc->q, id, 1));
    }
  if (take_error (doc, BS_ERROR_DAMAGED, error))
    {
      bs_pdf_trailer_clear (trailer);
      return FALSE;
    }
  if (trailer->root_ref == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("The PDF has no document catalog"));
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

guint
bs_pdf_document_next_object_number (BsPdfDocument *doc)
{
  qpdf_oh t = qpdf_get_trailer (doc->q);
  qpdf_oh size = qpdf_oh_get_key (doc->q, t, "/Size");
  qpdf_oh probe;
  long long from_trailer = qpdf_oh_is_integer (doc->q, size)
                           ? qpdf_oh_get_int_value (doc->q, size) : 1;
  int from_qpdf;

  /* qpdf numbers a new object past every object it saw in any xref
   * section; a wrong /Size must not make our objects shadow real ones. */
  probe = qpdf_make_indirect_object (doc->q, qpdf_oh_new_null (doc->q));
  from_qpdf = qpdf_oh_get_object_id (doc->q, probe);
  qpdf_get_error (doc->q);
  return (guint) MAX ((long long) from_qpdf, MAX (from_trailer, 1));
}

static void
collect_field_names (BsPdfDocument *doc, qpdf_oh fields, const char *prefix,
                     int depth, GPtrArray *names)
{
  int n;

  if (depth > MAX_TREE_DEPTH || !qpdf_oh_is_array (doc->q, fields))
    return;
  n = qpdf_oh_get_array_n_items (doc->q, fields);
  for (int i = 0; i < n && names->len < MAX_FIELDS; i++)
    {
      qpdf_oh field = qpdf_oh_get_array_item (doc->q, fields, i);
      qpdf_oh t = qpdf_oh_get_key (doc->q, field, "/T");
      g_autofree char *name = NULL;

      if (!qpdf_oh_is_dictionary (doc->q, field))
        continue;
      if (qpdf_oh_is_string (doc->q, t))
        {
          const char *partial = qpdf_oh_get_utf8_value (doc->q, t);
          name = prefix ? g_strconcat (prefix, ".", partial, NULL) : g_strdup (partial);
          g_ptr_array_add (names, g_strdup (name));
        }
      collect_field_names (doc, qpdf_oh_get_key (doc->q, field, "/Kids"),
                           name ? name : prefix, depth + 1, names);
    }
}

char **
bs_pdf_document_dup_field_names (BsPdfDocument *doc)
{
  GPtrArray *names = g_ptr_array_new ();
  qpdf_oh acroform = qpdf_oh_get_key (doc->q, qpdf_get_root (doc->q), "/AcroForm");

  collect_field_names (doc, qpdf_oh_get_key (doc->q, acroform, "/Fields"), NULL, 0, names);
  qpdf_get_error (doc->q);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

int
bs_pdf_document_get_docmdp_permission (BsPdfDocument *doc)
{
  qpdf_oh perms = qpdf_oh_get_key (doc->q, qpdf_get_root (doc->q), "/Perms");
  qpdf_oh sig = qpdf_oh_get_key (doc->q, perms, "/DocMDP");
  qpdf_oh refs = qpdf_oh_get_key (doc->q, sig, "/Reference");
  int n = qpdf_oh_is_array (doc->q, refs) ? qpdf_oh_get_array_n_items (doc->q, refs) : 0;
  int permission = qpdf_oh_is_dictionary (doc->q, sig) ? 2 : 0;

  for (int i = 0; i < n; i++)
    {
      qpdf_oh ref = qpdf_oh_get_array_item (doc->q, refs, i);
      qpdf_oh method = qpdf_oh_get_key (doc->q, ref, "/TransformMethod");
      qpdf_oh p = qpdf_oh_get_key (doc->q, qpdf_oh_get_key (doc->q, ref, "/TransformParams"), "/P");

      if (qpdf_oh_is_name_and_equals (doc->q, method, "/DocMDP") && qpdf_oh_is_integer (doc->q, p))
        permission = CLAMP (qpdf_oh_get_int_value_as_int (doc->q, p), 1, 3);
    }
  qpdf_get_error (doc->q);
  return permission;
}

void
bs_pdf_object_text_free (BsPdfObjectText *obj)
{
  if (obj == NULL)
    return;
  g_free (obj->body);
  g_free (obj);
}

/* Indirect objects changed in memory, keyed by object number, so that
 * each is written once however many edits touched it. */
static void
mark_dirty (BsPdfDocument *doc, GHashTable *dirty, qpdf_oh indirect)
{
  g_hash_table_insert (dirty, GINT_TO_POINTER (qpdf_oh_get_object_id (doc->q, indirect)),
                       GUINT_TO_POINTER (indirect));
}

/* A reference to an object the update is about to add: qpdf hands out a
 * handle for any number, and unparses it as "num 0 R". */
static qpdf_oh
make_ref (BsPdfDocument *doc, guint num)
{
  return qpdf_get_object_by_id (doc->q, (int) num, 0);
}

/* Appends @ref to the array under @key of @owner (created when missing);
 * @container is the indirect object that holds @owner. */
static void
append_to_array_key (BsPdfDocument *doc, GHashTable *dirty, qpdf_oh owner,
                     qpdf_oh container, const char *key, qpdf_oh ref)
{
  qpdf_oh array = qpdf_oh_get_key (doc->q, owner, key);

  if (qpdf_oh_is_array (doc->q, array))
    {
      qpdf_oh_append_item (doc->q, array, ref);
      mark_dirty (doc, dirty, qpdf_oh_is_indirect (doc->q, array) ? array : container);
      return;
    }
  array = qpdf_oh_new_array (doc->q);
  qpdf_oh_append_item (doc->q, array, ref);
  qpdf_oh_replace_key (doc->q, owner, key, array);
  mark_dirty (doc, dirty, container);
}

static void
plan_acroform (BsPdfDocument *doc, GHashTable *dirty, qpdf_oh ref)
{
  qpdf_oh root = qpdf_get_root (doc->q);
  qpdf_oh form = qpdf_oh_get_key (doc->q, root, "/AcroForm");
  qpdf_oh container, sigflags;

  if (!qpdf_oh_is_dictionary (doc->q, form))
    {
      qpdf_oh_replace_key (doc->q, root, "/AcroForm", qpdf_oh_new_dictionary (doc->q));
      form = qpdf_oh_get_key (doc->q, root, "/AcroForm");
      mark_dirty (doc, dirty, root);
    }
  container = qpdf_oh_is_indirect (doc->q, form) ? form : root;
  append_to_array_key (doc, dirty, form, container, "/Fields", ref);
  sigflags = qpdf_oh_get_key (doc->q, form, "/SigFlags");
  /* SignaturesExist | AppendOnly (ISO 32000-1 Table 219). */
  if (!qpdf_oh_is_integer (doc->q, sigflags) || qpdf_oh_get_int_value (doc->q, sigflags) != 3)
    {
      qpdf_oh_replace_key (doc->q, form, "/SigFlags", qpdf_oh_new_integer (doc->q, 3));
      mark_dirty (doc, dirty, container);
    }
}

static BsPdfObjectText *
rewrite_object (BsPdfDocument *doc, qpdf_oh indirect)
{
  BsPdfObjectText *obj = g_new0 (BsPdfObjectText, 1);

  obj->num = (guint) qpdf_oh_get_object_id (doc->q, indirect);
  obj->gen = (guint) qpdf_oh_get_generation (doc->q, indirect);
  obj->body = g_strdup (qpdf_oh_unparse_resolved (doc->q, indirect));
  return obj;
}

GPtrArray *
bs_pdf_document_plan_field (BsPdfDocument *doc, int page_index, guint field_num, GError **error)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_pdf_object_text_free);
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;
  qpdf_oh page, ref;

  if (page_index < 0 || page_index >= bs_pdf_document_get_n_pages (doc))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("Page %d does not exist"),
                   page_index + 1);
      return NULL;
    }
  page = qpdf_get_page_n (doc->q, (size_t) page_index);
  ref = make_ref (doc, field_num);
  append_to_array_key (doc, dirty, page, page, "/Annots", ref);
  plan_acroform (doc, dirty, ref);
  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (updates, rewrite_object (doc, (qpdf_oh) GPOINTER_TO_UINT (value)));
  if (take_error (doc, BS_ERROR_DAMAGED, error))
    return NULL;
  return g_steal_pointer (&updates);
}
