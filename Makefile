# ichseg: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PY_VERSION ?= 3.11
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
RUN := $(UV) run --frozen --no-sync
DEMO_DIR ?= demo
SERVE ?= 1

.PHONY: help uv env env-all demo test test-fast lint typecheck setup-test bench train export train-holdout export-holdout train-final final-save export-final clean requirements cv cv-save cv-report export-cv ablation ablation-save cv-student cv-student-save cv-student-long cv-student-long-save train-student student-final-save export-student export-fold0

help:
	@echo "make demo   - install, make a sample scan, segment it, then serve the web app"
	@echo "make test   - install everything and run lint, type check and the whole test suite"
	@echo "make bench  - run the benchmark scripts (prints tables)"
	@echo "make train  - the shipped model's training: make cv, cv-student-long, train-student (hours each, resumable)"
	@echo "make export - ship the all-patient student (2.1.1) with its CV recipe and figures (ichseg/models); make export-fold0 - 2.0.2"
	@echo "make cv     - 5-fold cross-validation (resumable), float and int8 out-of-fold report; make export-cv - ensemble"
	@echo "make ablation - the cv recipe without its robustness augmentation (folds 0, 2), both scored on changed images"
	@echo "make cv-student - one distilled width-8 student per fold (teachers: cv/); make cv-student-save keeps progress"
	@echo "make cv-student-long FOLDS=k [PRECISION=.. JIT=off] - the width-8 student on twice the schedule, fold k (all five folds done; make cv-student-long-save keeps progress)"
	@echo "make train-student [PRECISION=.. JIT=off] - the long student on all 60 patients from every fold teacher; make student-final-save keeps progress; make export-student ships it"
	@echo "make train-final - the CV recipe on all 60 patients (runs/final, resumable: make final-save keeps it in final/); make export-final - ship it with the CV figures"

uv:
	@command -v uv >/dev/null 2>&1 || test -x "$(UV)" || python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

env: uv
	$(UV) sync --frozen --inexact --extra web --extra dicom --python $(PY_VERSION)

env-all: uv
	$(UV) sync --frozen --all-extras --python $(PY_VERSION)

demo: env
	$(RUN) ichseg sample -o $(DEMO_DIR)/sample
	$(RUN) ichseg segment $(DEMO_DIR)/sample/phantom_dicom -o $(DEMO_DIR)/result --overwrite
	@echo
	@echo "Overlay video: $(CURDIR)/$(DEMO_DIR)/result/overlay.mp4"
	@echo "Masks:         $(CURDIR)/$(DEMO_DIR)/result/masks/"
	@echo "Report:        $(CURDIR)/$(DEMO_DIR)/result/report.json"
	@if [ "$(SERVE)" = "1" ]; then \
	  echo "Web app: http://127.0.0.1:8765  (sign up, upload $(DEMO_DIR)/sample/phantom.nii.gz; Ctrl-C stops)"; \
	  $(RUN) ichseg serve --data-dir $(DEMO_DIR)/server; fi

# The images' Python packages, exported from uv.lock (tests/infra/test_images.py checks them).
requirements: uv
	$(UV) export --frozen --extra cloud --extra dicom --no-emit-project --no-default-groups --format requirements.txt -o functions/requirements/lambda.txt -q
	$(UV) export --frozen --extra cloud --extra dicom --group gpu-image --no-emit-project --no-emit-package onnxruntime --no-default-groups --format requirements.txt -o functions/requirements/gpu.txt -q

setup-test:
	bash scripts/setup_test_deps.sh

test: env-all setup-test lint typecheck
	$(RUN) pytest

test-fast: env-all
	$(RUN) pytest -m "not slow and not browser and not emulator"

lint:
	$(RUN) ruff check --no-cache .
	$(RUN) ruff format --no-cache --check .
	$(RUN) python -m ichseg.formats --check

typecheck:
	$(RUN) mypy ichseg training model_export functions infra

# The shipped model (2.1.1): the 6,000-step width-8 student (configs/student-final.yaml)
# trained on all 60 patients and distilled from the five fold teachers of make cv, with the
# recipe chosen on the out-of-fold predictions of its per-fold twins (make cv-student-long:
# same recipe, each distilled from the teacher that did not see its held-out patients) and
# their figures. Its int8 file fails the parity check, so it serves float32 (at 0.24-0.29 of
# 1.2.0's one-thread CPU per slice; benchmarks/RESULTS.md). Each step resumes, and does
# nothing once finished. 2.0.2 (fold 0's teacher, int8): make export-fold0.
train: cv cv-student-long train-student

export: export-student

export-fold0: env-all
	$(RUN) python -m model_export.cv_export --cv-dir runs/cv --folds 0 --out ichseg/models --version $(or $(VERSION),2.0.2) --train-command "make cv" --int8 $(ABLATION)

# Model 1.2.0's recipe: one split, 12 patients held out, thresholds tuned on them (kept to
# reproduce 1.2.0; its held-out figures overstated it on unseen patients, see issue 16).
train-holdout: env-all
	$(RUN) python -m training --config configs/default.yaml

export-holdout: env-all
	$(RUN) python -m model_export --run-dir runs/train --out ichseg/models --version $(or $(VERSION),1.2.0) \
	  --notes configs/model_card_notes.md

# Issue 16: 5-fold patient-wise cross-validation. Resumes from runs/cv, seeded from the
# committed progress in cv/ (a session's time limit can stop it anywhere: `make cv-save`
# before stopping keeps the weights and the unfinished fold's resume point).
cv: env-all
	$(RUN) python -m training.cv --config configs/cv.yaml --cv-dir runs/cv --kept cv --int8
	$(RUN) python -m training.oof --cv-dir runs/cv

cv-save:
	$(RUN) python -m training.cv --config configs/cv.yaml --cv-dir runs/cv --save-progress cv

# Issue 16: what the robustness augmentation does. Folds 0 and 2 trained without it
# (configs/cv-noaug.yaml, resumable, seeded from the committed cv-noaug/), then both runs
# scored out of fold on plain and on changed images (training/stress.py; recipes chosen on
# the plain out-of-fold predictions of cv/'s other folds). `make ablation-save` keeps progress.
# The ablation's figures (committed by `make ablation-save`) go into the exported model cards.
ABLATION = $(if $(wildcard cv-noaug/stress_report.json),--ablation cv-noaug/stress_report.json)

ablation: env-all
	$(RUN) python -m training.cv --config configs/cv.yaml --cv-dir runs/cv --kept cv
	$(RUN) python -m training.cv --config configs/cv-noaug.yaml --cv-dir runs/cv-noaug --kept cv-noaug --folds 0,2
	$(RUN) python -m training.stress --cv-dir runs/cv --folds 0,2
	$(RUN) python -m training.stress --cv-dir runs/cv-noaug --folds 0,2 --against runs/cv

ablation-save:
	$(RUN) python -m training.cv --config configs/cv-noaug.yaml --cv-dir runs/cv-noaug --save-progress cv-noaug
	if [ -f runs/cv-noaug/stress_report.json ]; then cp runs/cv-noaug/stress_report.json cv-noaug/; fi

# Distilled students, one per fold, each from its own fold's teacher in cv/ (configs/student.yaml).
cv-student: env-all
	$(RUN) python -m training.cv --config configs/student.yaml --cv-dir runs/cv-student --kept cv-student
	$(RUN) python -m training.oof --cv-dir runs/cv-student

cv-student-save:
	$(RUN) python -m training.cv --config configs/student.yaml --cv-dir runs/cv-student --save-progress cv-student

# The width-8 student on twice the schedule (configs/student-long.yaml): does it keep its
# teacher's Dice? FOLDS=k runs fold k only (all five finished; benchmarks/RESULTS.md);
# PRECISION=float32 on a CPU without bfloat16 (XLA on); PRECISION=mixed_bfloat16 JIT=off on an
# AVX-512-BF16 CPU (1.55x the float32 XLA step there; benchmarks/RESULTS.md).
# The teachers' out-of-fold predictions come from cv/ (finished folds: nothing is trained,
# only scored; every fold, as each fold's recipe is chosen on the teachers' other folds),
# then the two are compared patient by patient.
cv-student-long: env-all
	$(RUN) python -m training.cv --config configs/student-long.yaml --cv-dir runs/cv-student-long --kept cv-student-long --int8 $(if $(FOLDS),--folds $(FOLDS)) $(if $(PRECISION),--precision $(PRECISION)) $(if $(filter off,$(JIT)),--no-jit-compile)
	$(RUN) python -m training.cv --config configs/cv.yaml --cv-dir runs/cv --kept cv
	$(RUN) python -m training.oof --cv-dir runs/cv-student-long --against runs/cv

cv-student-long-save:
	$(RUN) python -m training.cv --config configs/student-long.yaml --cv-dir runs/cv-student-long --save-progress cv-student-long

# The student that would ship (issues 14 and 16): the 6,000-step width-8 recipe
# (configs/student-long.yaml) on all 60 patients, learning from every fold teacher in cv/
# (configs/student-final.yaml), then its export with the per-fold long students' out-of-fold
# recipe and figures (runs/cv-student-long). Resumable across sessions like train-final:
# `make student-final-save` keeps the weights and resume point in student-final/ (commit it);
# train-student seeds runs/student-final/ from there and does nothing once the run has finished.
# PRECISION and JIT=off as for cv-student-long.
train-student: env-all
	$(RUN) python -m training --config configs/student-final.yaml --kept student-final --no-progress $(if $(PRECISION),--precision $(PRECISION)) $(if $(filter off,$(JIT)),--no-jit-compile)

student-final-save:
	$(RUN) python -m training --config configs/student-final.yaml --save-progress student-final

export-student: env-all
	$(RUN) python -m model_export.cv_export --cv-dir runs/cv-student-long --model runs/student-final/last.keras --out ichseg/models --version $(or $(VERSION),2.1.1) --train-command "make cv-student-long && make train-student" --int8 $(ABLATION)

# One model on all 60 patients with the cross-validation recipe (configs/final.yaml), shipped
# with the 5-fold out-of-fold recipe and figures of runs/cv: one network's cost per study.
# Resumable across sessions like make cv: `make final-save` keeps the run's weights and resume
# point in final/ (commit it); train-final seeds runs/final/ from there (files there win) and
# does nothing once the kept run has finished. PRECISION=float32 finishes a run on a CPU
# without bfloat16 (the precision of each epoch is kept in its history).
train-final: env-all
	$(RUN) python -m training --config configs/final.yaml --kept final --no-progress $(if $(PRECISION),--precision $(PRECISION))

final-save:
	$(RUN) python -m training --config configs/final.yaml --save-progress final

export-final: env-all
	$(RUN) python -m model_export.cv_export --cv-dir runs/cv --model runs/final/last.keras --out ichseg/models --version $(or $(VERSION),2.1.0) --train-command "make cv && make train-final" --int8

cv-report: env-all
	$(RUN) python -m training.oof --cv-dir runs/cv

export-cv: env-all
	$(RUN) python -m model_export.cv_export --cv-dir runs/cv --out ichseg/models --version $(or $(VERSION),2.0.0)

bench: env-all
	PYTHON="$(RUN) python" bash benchmarks/run_all.sh

clean:
	rm -rf $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache cdk.out test-results
