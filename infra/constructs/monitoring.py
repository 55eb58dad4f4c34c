"""Monitoring: an encrypted SNS topic and alarms on errors, throttles and the DLQ."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.gpu_watch import GpuWatch


class Monitoring(Construct):
    """Alarms that page through one topic.

    Attributes:
        topic: Where alarms go (optionally an e-mail subscription from context).
        alarms: The alarms, by name.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: InfraConfig,
        key: kms.IKey,
        segment: lambda_.IFunction,
        upload_api: lambda_.IFunction,
        dlq: sqs.IQueue,
        dead_letter: lambda_.IFunction | None = None,
        gpu_watch: GpuWatch | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Alarms", master_key=key, enforce_ssl=True)
        if config.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))
        five_min = Duration.minutes(5)
        self.alarms: dict[str, cloudwatch.Alarm] = {}
        self._alarm(
            "SegmentErrors",
            segment.metric_errors(period=five_min),
            threshold=1,
            periods=1,
            description="The segment function raised (events are being retried).",
        )
        self._alarm(
            "SegmentThrottles",
            segment.metric_throttles(period=five_min),
            threshold=1,
            periods=3,
            description="Uploads wait on reserved concurrency.",
        )
        self._alarm(
            "DeadLetters",
            dlq.metric_approximate_number_of_messages_visible(period=five_min),
            threshold=1,
            periods=1,
            description="Events failed every retry and wait in the DLQ for redrive.",
        )
        self._alarm(
            "UploadApiErrors",
            upload_api.metric_errors(period=five_min),
            threshold=5,
            periods=1,
            description="The upload API is failing.",
        )
        # The DLQ consumer empties the queue within seconds: count what arrives instead.
        self._alarm(
            "DeadLettersSent",
            dlq.metric_number_of_messages_sent(period=five_min, statistic="Sum"),
            threshold=1,
            periods=1,
            description="Upload events failed every retry; their scans were marked failed.",
        )
        if dead_letter is not None:
            self._alarm(
                "DeadLetterErrors",
                dead_letter.metric_errors(period=five_min),
                threshold=1,
                periods=1,
                description=(
                    "The dead-letter consumer raised: scans may stay 'processing' until it "
                    "recovers."
                ),
            )

        if gpu_watch is not None:
            self._alarm(
                "GpuTaskFailures",
                gpu_watch.failures,
                threshold=1,
                periods=1,
                description=(
                    "A GPU task stopped without a result (non-zero exit, out of memory, no "
                    "GPU capacity or quota, overdue); its scan was marked failed."
                ),
            )
            self._alarm(
                "GpuWatchErrors",
                gpu_watch.function.metric_errors(period=five_min),
                threshold=1,
                periods=1,
                description="The GPU-job watcher raised: failed GPU scans may stay 'queued'.",
            )
            self._alarm(
                "GpuWatchDeadLetters",
                gpu_watch.dlq.metric_approximate_number_of_messages_visible(period=five_min),
                threshold=1,
                periods=1,
                description="Task-state events the watcher could not handle after retries.",
            )

    def _alarm(
        self,
        name: str,
        metric: cloudwatch.Metric,
        *,
        threshold: float,
        periods: int,
        description: str,
    ) -> None:
        """Alarm at ``metric >= threshold`` for ``periods`` periods, paging the topic."""
        alarm = metric.create_alarm(
            self,
            name,
            threshold=threshold,
            evaluation_periods=periods,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            alarm_description=description,
        )
        alarm.add_alarm_action(actions.SnsAction(self.topic))
        self.alarms[name] = alarm
