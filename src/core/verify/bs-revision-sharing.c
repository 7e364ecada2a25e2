/* bs-revision-sharing.c — what the signed revision referred to, and who
 * else shows an appearance stream.
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

static void
append_number (guint num, gpointer refs)
{
  g_array_append_val ((GArray *) refs, num);
}

static gboolean
raw_references (Diff *d, guint num, gsize at, GHashTable *out)
{
  GArray *refs = d->references_cache ? g_hash_table_lookup (d->references_cache, GSIZE_TO_POINTER (at)) : NULL;
  BsRawSpan body;

  if (refs == NULL)
    {
      refs = g_array_new (FALSE, FALSE, sizeof (guint));
      if (!bs_pdf_raw_object_body (d->file, d->file_len, at, num, &body)
          || !bs_pdf_raw_references (d->file, body, append_number, refs))
        {
          g_array_unref (refs);
          return FALSE;
        }
      if (d->references_cache != NULL)
        g_hash_table_insert (d->references_cache, GSIZE_TO_POINTER (at), refs);
    }
  for (guint i = 0; i < refs->len; i++)
    g_hash_table_add (out, GUINT_TO_POINTER (g_array_index (refs, guint, i)));
  if (d->references_cache == NULL)
    g_array_unref (refs);
  return TRUE;
}

gboolean
diff_signed_references (Diff *d, guint num, GHashTable *out)
{
  gpointer at;

  /* Not listed when signed: that revision had no such object. */
  if (d->signed_positions != NULL && !g_hash_table_lookup_extended (d->signed_positions, GUINT_TO_POINTER (num), NULL, &at))
    return TRUE;
  if (d->file != NULL && d->signed_positions != NULL && at != NULL
      && raw_references (d, num, GPOINTER_TO_SIZE (at), out))
    return TRUE;
  return bs_references_of (d->a, bs_pdf_object_numbered (d->a, num), out);
}

/* What the signed versions of the objects redefined since refer to. A
 * walk cut short counts as referring to everything. */
static gboolean
old_versions_refer_to (Diff *d, guint num)
{
  if (d->old_refs == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      d->old_refs = g_hash_table_new (NULL, NULL);
      d->old_refs_complete = TRUE;
      g_hash_table_iter_init (&iter, d->redefined);
      while (d->old_refs_complete && g_hash_table_iter_next (&iter, &key, NULL))
        d->old_refs_complete = diff_signed_references (d, GPOINTER_TO_UINT (key), d->old_refs);
    }
  return !d->old_refs_complete || g_hash_table_contains (d->old_refs, GUINT_TO_POINTER (num));
}

/* Whether the signed revision referred to object @num: an object it had
 * and no update redefined refers to it now (the final document's index),
 * or the signed version of a redefined one did. With qpdf's count instead
 * (no index), first_new already lies past every such number. */
gboolean
diff_referred_when_signed (Diff *d, guint num)
{
  GArray *referrers;

  if (d->listed == NULL)
    return FALSE;
  referrers = g_hash_table_lookup (d->referrers, GUINT_TO_POINTER (num));
  for (guint i = 0; referrers != NULL && i < referrers->len; i++)
    {
      gpointer r = GUINT_TO_POINTER (g_array_index (referrers, guint, i));
      gpointer gen;
      if (g_hash_table_lookup_extended (d->listed, r, NULL, &gen) && GPOINTER_TO_UINT (gen) != BS_XREF_FREE
          && !g_hash_table_contains (d->redefined, r))
        return TRUE;
    }
  return old_versions_refer_to (d, num);
}
