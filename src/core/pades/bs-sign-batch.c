/* bs-sign-batch.c — many documents, one signer call per hundred.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign.h"
#include "bs-output.h"

#include <gio/gio.h>

/* The BSrE contract's limit of hashes per request. */
#define MAX_HASHES_PER_CALL 100

typedef struct {
  GPtrArray      *results;
  const BsSignOptions *const *options;  /* one per input */
  BsSignProgress  progress;
  gpointer        user_data;
  guint           done;
  guint           total;
} Batch;

static void
report (Batch *batch, guint index)
{
  batch->done++;
  if (batch->progress != NULL)
    batch->progress (g_ptr_array_index (batch->results, index), batch->done, batch->total,
                     batch->user_data);
}

static void
fail (Batch *batch, guint index, const GError *error)
{
  BsSignResult *r = g_ptr_array_index (batch->results, index);

  r->error = g_error_copy (error);
  report (batch, index);
}

/* Signs inputs [first, first + count); returns FALSE when the signer
 * failed, after giving that error to every prepared document. */
static gboolean
sign_group (Batch *batch, guint first, guint count, BsSigner *signer, GCancellable *cancellable,
            GError **signer_error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_sign_job_free);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new ();
  g_autoptr(GPtrArray) hashes = g_ptr_array_new ();
  g_autoptr(GPtrArray) signatures = NULL;

  for (guint i = first; i < first + count; i++)
    {
      BsSignResult *r = g_ptr_array_index (batch->results, i);
      g_autoptr(GError) error = NULL;
      BsSignJob *job = NULL;

      /* Once cancelled, the rest is not even opened. */
      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        job = bs_sign_job_prepare (r->input, batch->options[i], signer, cancellable, &error);
      if (job == NULL)
        {
          fail (batch, i, error);
          continue;
        }
      g_ptr_array_add (jobs, job);
      g_ptr_array_add (indexes, GUINT_TO_POINTER (i));
      g_ptr_array_add (hashes, bs_sign_job_get_hash (job));
    }
  if (jobs->len == 0)
    return TRUE;
  if (!bs_signer_sign_hashes (signer, hashes, &signatures, cancellable, signer_error))
    {
      for (guint j = 0; j < jobs->len; j++)
        fail (batch, GPOINTER_TO_UINT (g_ptr_array_index (indexes, j)), *signer_error);
      return FALSE;
    }
  for (guint j = 0; j < jobs->len; j++)
    {
      guint i = GPOINTER_TO_UINT (g_ptr_array_index (indexes, j));
      BsSignResult *r = g_ptr_array_index (batch->results, i);

      r->repaired = bs_sign_job_was_repaired (g_ptr_array_index (jobs, j));
      r->output = bs_sign_job_complete (g_ptr_array_index (jobs, j),
                                        g_ptr_array_index (signatures, j), &r->error);
      /* The temporary goes now, not with the whole group. */
      g_clear_pointer (&g_ptr_array_index (jobs, j), bs_sign_job_free);
      report (batch, i);
    }
  return TRUE;
}

/* What a killed run left in the output folders, once per folder. */
static void
remove_leftovers (const BsSignOptions *const *options, guint n)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    if (options[i]->output_dir != NULL && g_hash_table_add (done, (gpointer) options[i]->output_dir))
      bs_output_remove_leftovers (options[i]->output_dir);
}

GPtrArray *
bs_sign_files_each (const char * const *inputs, const BsSignOptions * const *options, BsSigner *signer,
                    BsSignProgress progress, gpointer user_data, GCancellable *cancellable)
{
  Batch batch = { g_ptr_array_new_with_free_func ((GDestroyNotify) bs_sign_result_free),
                  options, progress, user_data, 0, 0 };
  g_autoptr(GError) signer_error = NULL;

  g_return_val_if_fail (inputs != NULL && options != NULL && BS_IS_SIGNER (signer), NULL);

  batch.total = g_strv_length ((char **) inputs);
  for (guint i = 0; i < batch.total; i++)
    {
      BsSignResult *r = g_new0 (BsSignResult, 1);
      r->input = g_strdup (inputs[i]);
      g_ptr_array_add (batch.results, r);
    }
  remove_leftovers (options, batch.total);
  for (guint first = 0; first < batch.total; first += MAX_HASHES_PER_CALL)
    {
      guint count = MIN (MAX_HASHES_PER_CALL, batch.total - first);

      if (signer_error != NULL)
        {
          for (guint i = first; i < first + count; i++)
            fail (&batch, i, signer_error);
          continue;
        }
      sign_group (&batch, first, count, signer, cancellable, &signer_error);
    }
  return batch.results;
}

GPtrArray *
bs_sign_files (const char * const *inputs, const BsSignOptions *options, BsSigner *signer,
               BsSignProgress progress, gpointer user_data, GCancellable *cancellable)
{
  guint n = g_strv_length ((char **) inputs);
  g_autofree const BsSignOptions **each = g_new (const BsSignOptions *, n + 1);

  for (guint i = 0; i <= n; i++)
    each[i] = options;
  return bs_sign_files_each (inputs, each, signer, progress, user_data, cancellable);
}
