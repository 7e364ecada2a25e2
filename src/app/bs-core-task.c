/* bs-core-task.c — see bs-core-task.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-core-task.h"

/* The source tag of calls that failed to start. */
static const char failed_to_start[] = "bs-core-task-fail";

typedef struct {
  const BsCoreCall *call;
  gpointer          input;
  GObject          *note_target;
} TaskData;

typedef struct {
  GTask    *task;
  gpointer  note;
} Note;

static void
task_data_free (TaskData *d)
{
  if (d->call->free_input != NULL && d->input != NULL)
    d->call->free_input (d->input);
  g_clear_object (&d->note_target);
  g_free (d);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  gpointer result = d->call->func (d->input, (BsCoreJob *) task, cancellable, &error);

  if (error != NULL)
    {
      if (result != NULL && d->call->free_result != NULL)
        d->call->free_result (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, d->call->free_result);
}

void
bs_core_task_run (gpointer source, const BsCoreCall *call, gpointer input, GObject *note_target,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  TaskData *d = g_new0 (TaskData, 1);

  g_return_if_fail (call != NULL && call->func != NULL);
  d->call = call;
  d->input = input;
  d->note_target = note_target ? g_object_ref (note_target) : NULL;
  g_task_set_task_data (task, d, (GDestroyNotify) task_data_free);
  g_task_set_check_cancellable (task, !call->keep_result_on_cancel);
  g_task_run_in_thread (task, run_thread);
}

void
bs_core_task_fail (gpointer source, GError *error, GAsyncReadyCallback callback, gpointer user_data)
{
  g_task_report_error (source, callback, user_data, (gpointer) failed_to_start, error);
}

gpointer
bs_core_task_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
bs_core_task_get_input (GAsyncResult *result)
{
  TaskData *d = g_task_get_source_tag (G_TASK (result)) == (gpointer) failed_to_start
                ? NULL : g_task_get_task_data (G_TASK (result));

  return d ? d->input : NULL;
}

static gboolean
deliver_note (gpointer data)
{
  Note *n = data;
  TaskData *d = g_task_get_task_data (n->task);

  /* The callback ran: whoever the note was for has moved on. */
  if (!g_task_get_completed (n->task) && d->call->on_note != NULL)
    d->call->on_note (n->note, d->note_target);
  return G_SOURCE_REMOVE;
}

static void
note_free (gpointer data)
{
  Note *n = data;
  TaskData *d = g_task_get_task_data (n->task);

  if (n->note != NULL && d->call->free_note != NULL)
    d->call->free_note (n->note);
  g_object_unref (n->task);
  g_free (n);
}

void
bs_core_job_post (BsCoreJob *job, gpointer note)
{
  GTask *task = G_TASK (job);
  Note *n = g_new0 (Note, 1);

  n->task = g_object_ref (task);
  n->note = note;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, deliver_note, n, note_free);
}
