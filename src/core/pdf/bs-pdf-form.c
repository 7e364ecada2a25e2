/* bs-pdf-form.c — form fields, DocMDP, and where a new signature field goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-empty-fields.h"
#include "bs-pdf-object.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 64
#define MAX_FIELDS 100000

static void
collect_field_names (BsPdfDocument *doc, BsPdfObj fields, const char *prefix,
                     int depth, GPtrArray *names)
{
  int n = bs_pdf_obj_len (doc, fields);

  if (depth > MAX_TREE_DEPTH)
    return;
  for (int i = 0; i < n && names->len < MAX_FIELDS; i++)
    {
      BsPdfObj field = bs_pdf_obj_at (doc, fields, i);
      g_autofree char *partial = bs_pdf_obj_dup_text (doc, bs_pdf_obj_get (doc, field, "/T"));
      g_autofree char *name = NULL;

      if (bs_pdf_obj_type (doc, field) != BS_PDF_DICT)
        continue;
      if (partial != NULL)
        {
          name = prefix ? g_strconcat (prefix, ".", partial, NULL) : g_strdup (partial);
          g_ptr_array_add (names, g_strdup (name));
        }
      collect_field_names (doc, bs_pdf_obj_get (doc, field, "/Kids"), name ? name : prefix,
                           depth + 1, names);
    }
}

char **
bs_pdf_document_dup_field_names (BsPdfDocument *doc)
{
  GPtrArray *names = g_ptr_array_new ();
  BsPdfObj form = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/AcroForm");

  collect_field_names (doc, bs_pdf_obj_get (doc, form, "/Fields"), NULL, 0, names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

int
bs_pdf_document_get_docmdp_permission (BsPdfDocument *doc)
{
  BsPdfObj perms = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/Perms");
  BsPdfObj sig = bs_pdf_obj_get (doc, perms, "/DocMDP");
  BsPdfObj refs = bs_pdf_obj_get (doc, sig, "/Reference");
  int n = bs_pdf_obj_len (doc, refs);
  /* ISO 32000-1 Table 254: /P defaults to 2. */
  int permission = bs_pdf_obj_type (doc, sig) == BS_PDF_DICT ? 2 : 0;

  for (int i = 0; i < n; i++)
    {
      BsPdfObj ref = bs_pdf_obj_at (doc, refs, i);
      BsPdfObj p = bs_pdf_obj_get (doc, bs_pdf_obj_get (doc, ref, "/TransformParams"), "/P");

      if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, ref, "/TransformMethod"), "/DocMDP")
          && bs_pdf_obj_type (doc, p) == BS_PDF_INT)
        permission = (int) CLAMP (bs_pdf_obj_int (doc, p), 1, 3);
    }
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
mark_dirty (BsPdfDocument *doc, GHashTable *dirty, BsPdfObj indirect)
{
  g_hash_table_insert (dirty, GUINT_TO_POINTER (bs_pdf_obj_num (doc, indirect)),
                       GUINT_TO_POINTER (indirect));
}

/* Appends @ref to the array under @key of @owner (created when missing);
 * @container is the indirect object that holds @owner. */
static void
append_to_array_key (BsPdfDocument *doc, GHashTable *dirty, BsPdfObj owner,
                     BsPdfObj container, const char *key, BsPdfObj ref)
{
  BsPdfObj array = bs_pdf_obj_get (doc, owner, key);

  if (bs_pdf_obj_type (doc, array) == BS_PDF_ARRAY)
    {
      bs_pdf_obj_append (doc, array, ref);
      mark_dirty (doc, dirty, bs_pdf_obj_is_indirect (doc, array) ? array : container);
      return;
    }
  array = bs_pdf_new_array (doc);
  bs_pdf_obj_append (doc, array, ref);
  bs_pdf_obj_set (doc, owner, key, array);
  mark_dirty (doc, dirty, container);
}

/* @ref (a new field) goes into /Fields when @add_field; /SigFlags 3. */
static void
plan_acroform (BsPdfDocument *doc, GHashTable *dirty, BsPdfObj ref, gboolean add_field)
{
  BsPdfObj root = bs_pdf_root (doc);
  BsPdfObj form = bs_pdf_obj_get (doc, root, "/AcroForm");
  BsPdfObj container, sigflags;

  if (bs_pdf_obj_type (doc, form) != BS_PDF_DICT)
    {
      bs_pdf_obj_set (doc, root, "/AcroForm", bs_pdf_new_dict (doc));
      form = bs_pdf_obj_get (doc, root, "/AcroForm");
      mark_dirty (doc, dirty, root);
    }
  container = bs_pdf_obj_is_indirect (doc, form) ? form : root;
  /* @ref names an object the update is about to add: qpdf sees it as
   * null, so the caller says whether it is there. */
  if (add_field)
    append_to_array_key (doc, dirty, form, container, "/Fields", ref);
  sigflags = bs_pdf_obj_get (doc, form, "/SigFlags");
  /* SignaturesExist | AppendOnly (ISO 32000-1 Table 219). */
  if (bs_pdf_obj_type (doc, sigflags) != BS_PDF_INT || bs_pdf_obj_int (doc, sigflags) != 3)
    {
      bs_pdf_obj_set (doc, form, "/SigFlags", bs_pdf_new_int (doc, 3));
      mark_dirty (doc, dirty, container);
    }
}

static BsPdfObjectText *
rewrite_object (BsPdfDocument *doc, BsPdfObj indirect)
{
  BsPdfObjectText *obj = g_new0 (BsPdfObjectText, 1);

  obj->num = bs_pdf_obj_num (doc, indirect);
  obj->gen = bs_pdf_obj_gen (doc, indirect);
  obj->body = bs_pdf_obj_dup_unparse (doc, indirect);
  return obj;
}

static gboolean
any_signed_field (BsPdfDocument *doc, BsPdfObj fields, int depth)
{
  int n = bs_pdf_obj_len (doc, fields);

  for (int i = 0; i < n && depth <= MAX_TREE_DEPTH; i++)
    {
      BsPdfObj field = bs_pdf_obj_at (doc, fields, i);
      if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, field, "/FT"), "/Sig")
          && bs_pdf_obj_type (doc, bs_pdf_obj_get (doc, field, "/V")) == BS_PDF_DICT)
        return TRUE;
      if (any_signed_field (doc, bs_pdf_obj_get (doc, field, "/Kids"), depth + 1))
        return TRUE;
    }
  return FALSE;
}

gboolean
bs_pdf_document_has_signatures (BsPdfDocument *doc)
{
  BsPdfObj form = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/AcroForm");

  return any_signed_field (doc, bs_pdf_obj_get (doc, form, "/Fields"), 0);
}

/* ISO 32000-1 12.8.4: the catalog's /Perms /DocMDP names the one
 * certification signature. */
static void
plan_certification (BsPdfDocument *doc, GHashTable *dirty, guint sig_num)
{
  BsPdfObj root = bs_pdf_root (doc);
  BsPdfObj perms = bs_pdf_new_dict (doc);

  bs_pdf_obj_set (doc, perms, "/DocMDP", bs_pdf_object (doc, sig_num, 0));
  bs_pdf_obj_set (doc, root, "/Perms", perms);
  mark_dirty (doc, dirty, root);
}

static GPtrArray *
dirty_objects (BsPdfDocument *doc, GHashTable *dirty, GError **error)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_pdf_object_text_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BsPdfObjectText *obj = rewrite_object (doc, GPOINTER_TO_UINT (value));
      if (obj->num == 0)
        {
          bs_pdf_object_text_free (obj);
          g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                               _("The page or form of the PDF is not an indirect object"));
          return NULL;
        }
      g_ptr_array_add (updates, obj);
    }
  return g_steal_pointer (&updates);
}

/* @obj's dictionary without @drop_a/@drop_b, with @extra entries added.
 * Written as text: a key set to a reference to an object the update is
 * about to add would read as null in memory, and qpdf drops null keys. */
static BsPdfObjectText *
dict_with (BsPdfDocument *doc, BsPdfObj obj, const char *drop_a, const char *drop_b, const char *extra);

BsPdfObjectText *
bs_pdf_document_rewrite_dict (BsPdfDocument *doc, guint num, guint gen, const char *drop, const char *extra)
{
  return dict_with (doc, bs_pdf_object (doc, num, gen), drop, NULL, extra);
}

static BsPdfObjectText *
dict_with (BsPdfDocument *doc, BsPdfObj obj, const char *drop_a, const char *drop_b, const char *extra)
{
  BsPdfObjectText *text;
  gsize len;

  bs_pdf_obj_set (doc, obj, drop_a, bs_pdf_null (doc));
  if (drop_b != NULL)
    bs_pdf_obj_set (doc, obj, drop_b, bs_pdf_null (doc));
  text = rewrite_object (doc, obj);
  len = strlen (text->body);
  while (len > 0 && g_ascii_isspace (text->body[len - 1]))
    len--;
  if (text->num == 0 || len < 2 || strncmp (text->body + len - 2, ">>", 2) != 0)
    {
      bs_pdf_object_text_free (text);
      return NULL;
    }
  text->body[len - 2] = '\0';
  {
    g_autofree char *head = g_steal_pointer (&text->body);
    text->body = g_strconcat (head, extra, " >>", NULL);
  }
  return text;
}

GPtrArray *
bs_pdf_document_plan_fill_field (BsPdfDocument *doc, const BsPdfEmptyField *f, guint sig_num, guint form_num,
                                 GError **error)
{
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  BsPdfObj field = bs_pdf_object (doc, f->field_num, f->field_gen);
  BsPdfObj widget = bs_pdf_object (doc, f->widget_num, f->widget_gen);
  g_autofree char *value = g_strdup_printf (" /V %u 0 R", sig_num);
  g_autofree char *appearance = g_strdup_printf (" /AP << /N %u 0 R >>", form_num);
  g_autofree char *both = g_strconcat (value, appearance, NULL);
  g_autoptr(GPtrArray) updates = NULL;
  BsPdfObjectText *text;
  gboolean merged = f->field_num == f->widget_num;

  plan_acroform (doc, dirty, bs_pdf_null (doc), FALSE);
  g_hash_table_remove (dirty, GUINT_TO_POINTER (f->field_num));
  g_hash_table_remove (dirty, GUINT_TO_POINTER (f->widget_num));
  updates = dirty_objects (doc, dirty, error);
  if (updates == NULL)
    return NULL;
  text = dict_with (doc, field, "/V", merged ? "/AP" : NULL, merged ? both : value);
  if (text != NULL)
    g_ptr_array_add (updates, text);
  if (text != NULL && !merged && (text = dict_with (doc, widget, "/AP", NULL, appearance)) != NULL)
    g_ptr_array_add (updates, text);
  if (text == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED, _("The signature field of the PDF cannot be filled"));
      return NULL;
    }
  return g_steal_pointer (&updates);
}

GPtrArray *
bs_pdf_document_plan_field (BsPdfDocument *doc, int page_index, guint field_num,
                            guint certify_sig_num, GError **error)
{
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  BsPdfObj page, ref;

  if (page_index < 0 || page_index >= bs_pdf_document_get_n_pages (doc))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, _("Page %d does not exist"),
                   page_index + 1);
      return NULL;
    }
  page = bs_pdf_page_object (doc, page_index);
  /* qpdf hands out a handle for any object number and unparses it as a
   * reference: the update is about to add object @field_num. */
  ref = bs_pdf_object (doc, field_num, 0);
  append_to_array_key (doc, dirty, page, page, "/Annots", ref);
  plan_acroform (doc, dirty, ref, TRUE);
  if (certify_sig_num != 0)
    plan_certification (doc, dirty, certify_sig_num);
  return dirty_objects (doc, dirty, error);
}
