/* bs-revision-sharing.c — who else shows an appearance stream.
 *
 * Signing an empty field, or filling a form field, may redraw that
 * field's own appearance stream. When the same stream object is also
 * shown by another annotation, a page, the catalog or the trailer,
 * redrawing it changes what those show: the "sneaky" override.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"
#include "bs-references.h"

static void
add_if_indirect (BsPdfDocument *doc, BsPdfObj obj, GHashTable *set)
{
  if (bs_pdf_obj_is_indirect (doc, obj))
    g_hash_table_add (set, GUINT_TO_POINTER (bs_pdf_obj_num (doc, obj)));
}

/* The widget and the appearance dictionaries it keeps as objects of
 * their own: the referrers an appearance stream may have. */
static GHashTable *
own_referrers (Diff *d, guint owner)
{
  static const char * const kinds[] = { "/N", "/D", "/R", NULL };
  GHashTable *own = g_hash_table_new (NULL, NULL);
  BsPdfObj widget = bs_pdf_object_numbered (d->a, owner);
  BsPdfObj ap = bs_pdf_obj_get (d->a, widget, "/AP");

  g_hash_table_add (own, GUINT_TO_POINTER (owner));
  add_if_indirect (d->a, ap, own);
  for (const char * const *k = kinds; *k != NULL; k++)
    if (bs_pdf_obj_type (d->a, bs_pdf_obj_get (d->a, ap, *k)) == BS_PDF_DICT)
      add_if_indirect (d->a, bs_pdf_obj_get (d->a, ap, *k), own);
  return own;
}

/* Another referrer of @num among the objects the signed revision had and
 * no update redefined (the final document's index says who refers now). */
static gboolean
unchanged_object_refers (Diff *d, guint num, GHashTable *own)
{
  GArray *referrers = g_hash_table_lookup (d->referrers, GUINT_TO_POINTER (num));

  for (guint i = 0; referrers != NULL && i < referrers->len; i++)
    {
      gpointer r = GUINT_TO_POINTER (g_array_index (referrers, guint, i));
      gpointer gen;
      if (!g_hash_table_contains (own, r) && !g_hash_table_contains (d->redefined, r)
          && g_hash_table_lookup_extended (d->listed, r, NULL, &gen) && GPOINTER_TO_UINT (gen) != BS_XREF_FREE)
        return TRUE;
    }
  return FALSE;
}

/* Another referrer of @num among the signed versions of the objects the
 * updates redefined, or the signed trailer. */
static gboolean
old_version_refers (Diff *d, guint num, GHashTable *own)
{
  g_autoptr(GHashTable) refs = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  if (!bs_references_of (d->a, bs_pdf_trailer (d->a), refs) || g_hash_table_contains (refs, GUINT_TO_POINTER (num)))
    return TRUE;
  g_hash_table_iter_init (&iter, d->redefined);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (own, key))
        continue;
      g_hash_table_remove_all (refs);
      if (!diff_signed_references (d, GPOINTER_TO_UINT (key), refs)
          || g_hash_table_contains (refs, GUINT_TO_POINTER (num)))
        return TRUE;
    }
  return FALSE;
}

gboolean
diff_shared_beyond (Diff *d, guint num, guint owner)
{
  g_autoptr(GHashTable) own = NULL;

  /* Without the final document's index, what the page draws is all that
   * can be told cheaply. */
  if (d->listed == NULL || d->referrers == NULL)
    return diff_is_page_content (d, num);
  own = own_referrers (d, owner);
  return unchanged_object_refers (d, num, own) || old_version_refers (d, num, own);
}
