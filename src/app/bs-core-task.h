/* bs-core-task.h — the one place the window runs work off the main loop.
 *
 * Core calls (and Poppler's rendering) are synchronous; each runs here in
 * a GTask thread. The task owns its input (with whatever references the
 * call needs, e.g. the service session), so nothing the worker touches can
 * be freed under it. Results and progress notes come back on the main
 * thread. Nothing else in the app creates a thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The running task as the worker sees it (to post progress notes). */
typedef struct _BsCoreJob BsCoreJob;

/* Runs on a worker thread: returns the result, or NULL with @error set. A
 * call whose result is a plain success returns GINT_TO_POINTER (TRUE). */
typedef gpointer (*BsCoreFunc) (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error);

/* Runs on the main thread for each note the worker posted, in order,
 * before the task's callback. @target is the call's note target. */
typedef void (*BsCoreNoteFunc) (gpointer note, GObject *target);

/* What a kind of call is: one static descriptor per call. */
typedef struct {
  BsCoreFunc      func;
  GDestroyNotify  free_input;
  GDestroyNotify  free_result;   /* NULL when the result is not allocated */
  BsCoreNoteFunc  on_note;       /* NULL when the call posts no notes */
  GDestroyNotify  free_note;
  /* The result is delivered even when @cancellable was cancelled (a
   * signing batch cut short still reports the files it wrote). */
  gboolean        keep_result_on_cancel;
} BsCoreCall;

/* Runs @call->func (@input, taken) on a worker. @note_target (may be NULL)
 * is kept alive until the last note is delivered. @callback runs on the
 * main thread with @source as its source object. */
void      bs_core_task_run    (gpointer source, const BsCoreCall *call, gpointer input, GObject *note_target,
                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
/* Reports @error (taken) to @callback from the main loop without running
 * anything: a call that cannot start. */
void      bs_core_task_fail   (gpointer source, GError *error, GAsyncReadyCallback callback, gpointer user_data);
/* The result (transfer full) or NULL with @error. */
gpointer  bs_core_task_finish (GAsyncResult *result, GError **error);
/* The input the call was started with (transfer none), or NULL for a
 * call that failed to start. */
gpointer  bs_core_task_get_input (GAsyncResult *result);

/* From the worker: hands @note (taken) to the call's on_note on the main
 * thread. Notes of a task whose callback already ran are dropped. */
void      bs_core_job_post    (BsCoreJob *job, gpointer note);

G_END_DECLS
