/* bs-update-changes.c — one comparison per incremental update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-update-changes.h"

/* Past this many updates after a signature, each would cost a qpdf view
 * of its own (3000 empty updates: minutes): the signed revision is then
 * compared with the document now, once. */
#define MAX_UPDATES_ONE_BY_ONE 256

struct _BsUpdateChanges {
  BsUpdateSource  source;
  GPtrArray      *changes;   /* per revision j: GPtrArray of BsChange of update j, or NULL */
  GArray         *state;     /* per revision j: UpdateState */
  GHashTable     *signature_cache;   /* see BsRevisionDiffInput */
  GHashTable     *references_cache;
};

typedef enum {
  UPDATE_UNKNOWN,
  UPDATE_COMPARED,
  UPDATE_UNREADABLE,
} UpdateState;

static void
changes_free (GPtrArray *changes)
{
  if (changes != NULL)
    g_ptr_array_unref (changes);
}

BsUpdateChanges *
bs_update_changes_new (const BsUpdateSource *source)
{
  BsUpdateChanges *u = g_new0 (BsUpdateChanges, 1);
  guint n = source->revisions->len;

  u->source = *source;
  u->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) changes_free);
  g_ptr_array_set_size (u->changes, (gint) n);
  u->state = g_array_new (FALSE, TRUE, sizeof (UpdateState));
  g_array_set_size (u->state, n);
  u->signature_cache = g_hash_table_new (NULL, NULL);
  u->references_cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return u;
}

void
bs_update_changes_free (BsUpdateChanges *u)
{
  if (u == NULL)
    return;
  g_ptr_array_unref (u->changes);
  g_array_unref (u->state);
  g_hash_table_unref (u->signature_cache);
  g_hash_table_unref (u->references_cache);
  g_free (u);
}

static const BsPdfRevision *
revision (BsUpdateChanges *u, guint j)
{
  return &g_array_index (u->source.revisions, BsPdfRevision, j);
}

static gboolean
is_last (BsUpdateChanges *u, guint j)
{
  return j + 1 == u->source.revisions->len;
}

/* Revision @j as a document of its own (transfer full), or NULL. The
 * last revision is the document now, borrowed: *@owned says which. */
static BsPdfDocument *
open_revision (BsUpdateChanges *u, guint j, gboolean *owned)
{
  *owned = !is_last (u, j);
  if (!*owned)
    return u->source.final;
  return bs_pdf_document_open_bytes_password (u->source.file, (gsize) revision (u, j)->end,
                                              BS_PDF_OPEN_ALLOW_ENCRYPTED, u->source.password, NULL);
}

static void
compare_update (BsUpdateChanges *u, guint j, BsPdfDocument *before, BsPdfDocument *after)
{
  BsRevisionDiffInput input = {
    .signed_doc = before, .final_doc = after, .chain = u->source.chain,
    .signed_startxref = revision (u, j - 1)->startxref, .signed_end = revision (u, j - 1)->end,
    .later_startxref = is_last (u, j) ? 0 : revision (u, j)->startxref,
    .referrers = u->source.referrers, .file = u->source.file, .file_len = u->source.file_len,
    .signature_cache = u->signature_cache, .references_cache = u->references_cache,
  };

  g_ptr_array_index (u->changes, j) = bs_revision_diff (&input);
  g_array_index (u->state, UpdateState, j) = UPDATE_COMPARED;
}

/* Compares the updates @from + 1 .. the last that are not compared yet,
 * keeping two revisions open at a time. */
static void
compare_updates_after (BsUpdateChanges *u, guint from)
{
  gboolean before_owned = FALSE, after_owned = FALSE;
  BsPdfDocument *before = NULL;

  for (guint j = from + 1; j < u->source.revisions->len; j++)
    {
      BsPdfDocument *after = NULL;

      if (g_array_index (u->state, UpdateState, j) != UPDATE_UNKNOWN)
        {
          if (before_owned)
            bs_pdf_document_free (before);
          before = NULL;
          continue;
        }
      if (before == NULL)
        before = open_revision (u, j - 1, &before_owned);
      after = open_revision (u, j, &after_owned);
      if (before != NULL && after != NULL)
        compare_update (u, j, before, after);
      else
        g_array_index (u->state, UpdateState, j) = UPDATE_UNREADABLE;
      if (before_owned)
        bs_pdf_document_free (before);
      before = after;
      before_owned = after_owned;
    }
  if (before_owned)
    bs_pdf_document_free (before);
}

gboolean
bs_update_changes_after (BsUpdateChanges *u, guint index, int docmdp, const BsFieldLocks *locks, GPtrArray *out)
{
  if (u->source.file == NULL || u->source.chain == NULL || index >= u->source.revisions->len
      || u->source.revisions->len - 1 - index > MAX_UPDATES_ONE_BY_ONE)
    return FALSE;
  compare_updates_after (u, index);
  for (guint j = index + 1; j < u->source.revisions->len; j++)
    if (g_array_index (u->state, UpdateState, j) != UPDATE_COMPARED)
      return FALSE;
  for (guint j = index + 1; j < u->source.revisions->len; j++)
    {
      GPtrArray *changes = g_ptr_array_index (u->changes, j);
      for (guint i = 0; i < changes->len; i++)
        g_ptr_array_add (out, bs_change_judge (g_ptr_array_index (changes, i), docmdp, locks));
    }
  return TRUE;
}
