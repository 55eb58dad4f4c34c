"""GPU: a VPC, an ECS cluster with GPU capacity that scales from zero, the one-GPU task."""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.common import encrypted_logs
from infra.constructs.images import ROOT, build_excludes
from infra.constructs.nag import PREFIX_REASON, acknowledge, object_wildcard
from infra.constructs.secrets import Secrets
from infra.constructs.storage import Storage

CONTAINER_NAME = "segment"
#: ECS agent setting that keeps awsvpc tasks off the instance metadata service.
BLOCK_IMDS = "ECS_AWSVPC_BLOCK_IMDS=true"


class GpuTask(Construct):
    """ECS on EC2 GPU instances for scans too large for Lambda.

    Attributes:
        vpc: Private subnets with NAT egress (ECR, AWS APIs, Firestore).
        cluster: The ECS cluster.
        capacity_provider: GPU capacity provider (managed scaling, min 0 instances).
        task_definition: One container with ``gpu_count=1``.
        security_group: The task's network interface security group (egress only).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: InfraConfig,
        storage: Storage,
        secrets: Secrets,
        environment: dict[str, str],
    ) -> None:
        super().__init__(scope, construct_id)
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=1,
            restrict_default_security_group=True,
            subnet_configuration=[
                ec2.SubnetConfiguration(
                    name="public",
                    subnet_type=ec2.SubnetType.PUBLIC,
                    map_public_ip_on_launch=False,
                ),
                ec2.SubnetConfiguration(
                    name="private", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS
                ),
            ],
        )
        flow_logs = encrypted_logs(self, "FlowLogs", storage.key)
        self.vpc.add_flow_log(
            "FlowLog", destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs)
        )
        self.vpc.add_gateway_endpoint("S3", service=ec2.GatewayVpcEndpointAwsService.S3)
        self.vpc.add_gateway_endpoint("DynamoDb", service=ec2.GatewayVpcEndpointAwsService.DYNAMODB)
        self.cluster = ecs.Cluster(
            self,
            "Cluster",
            vpc=self.vpc,
            container_insights_v2=ecs.ContainerInsights.ENABLED,
        )
        self.security_group = ec2.SecurityGroup(
            self,
            "TaskSg",
            vpc=self.vpc,
            description="ichseg GPU task: no inbound, HTTPS out",
            allow_all_outbound=True,
        )
        user_data = ec2.UserData.for_linux()
        # Tasks (awsvpc) must not reach the instance metadata service: the task parses
        # hostile files, and IMDS would hand it the instance role. Task-role credentials
        # come from the ECS agent's endpoint, which stays reachable.
        user_data.add_commands(f"echo {BLOCK_IMDS} >> /etc/ecs/ecs.config")
        launch_template = ec2.LaunchTemplate(
            self,
            "GpuLaunchTemplate",
            instance_type=ec2.InstanceType(config.gpu_instance_type),
            # AL2023 ECS GPU-optimised AMI (AL2 support ends 2026-06-30); resolved from the
            # public SSM parameter at deploy time, no lookup at synth.
            machine_image=ecs.EcsOptimizedImage.amazon_linux2023(ecs.AmiHardwareType.GPU),
            require_imdsv2=True,
            detailed_monitoring=True,
            security_group=ec2.SecurityGroup(
                self,
                "InstanceSg",
                vpc=self.vpc,
                allow_all_outbound=True,
                description="ichseg GPU instances: no inbound",
            ),
            role=iam.Role(
                self,
                "InstanceRole",
                assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"),
                description="ichseg GPU container instances (ECS agent)",
            ),
            user_data=user_data,
            block_devices=[
                ec2.BlockDevice(
                    device_name="/dev/xvda",
                    volume=ec2.BlockDeviceVolume.ebs(
                        100, encrypted=True, volume_type=ec2.EbsDeviceVolumeType.GP3
                    ),
                )
            ],
        )
        asg = autoscaling.AutoScalingGroup(
            self,
            "GpuAsg",
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
            launch_template=launch_template,
            min_capacity=0,
            max_capacity=config.gpu_max_instances,
            new_instances_protected_from_scale_in=True,
        )
        self.capacity_provider = ecs.AsgCapacityProvider(
            self,
            "GpuCapacity",
            auto_scaling_group=asg,
            enable_managed_scaling=True,
            enable_managed_termination_protection=True,
            # "Amazon Linux" user data (ECS_CLUSTER in /etc/ecs/ecs.config), AL2023 included.
            machine_image_type=ecs.MachineImageType.AMAZON_LINUX_2,
        )
        self.cluster.add_asg_capacity_provider(self.capacity_provider)

        self.task_definition = ecs.Ec2TaskDefinition(
            self, "TaskDef", network_mode=ecs.NetworkMode.AWS_VPC
        )
        task_logs = encrypted_logs(self, "TaskLogs", storage.key)
        self.container = self.task_definition.add_container(
            CONTAINER_NAME,
            image=ecs.ContainerImage.from_asset(
                str(ROOT),
                file="functions/Dockerfile.gpu",
                build_args={"BASE_IMAGE": config.base_images.gpu},
                exclude=build_excludes(),
                platform=ecr_assets.Platform.LINUX_AMD64,
            ),
            gpu_count=1,
            memory_reservation_mib=config.gpu_memory_mib,
            environment=environment,
            logging=ecs.LogDrivers.aws_logs(stream_prefix="gpu", log_group=task_logs),
            stop_timeout=Duration.seconds(120),
            readonly_root_filesystem=False,
        )
        storage.grant_pipeline(self.task_definition.task_role)
        secrets.grant_read(self.task_definition.task_role)

        acknowledge(
            self.vpc,
            {
                "HIPAA.Security::HIPAA.Security-VPCNoUnrestrictedRouteToIGW": (
                    "Only the public subnets route to the internet gateway, and they hold only "
                    "the NAT gateway; instances and tasks run in private subnets."
                ),
            },
        )
        acknowledge(
            launch_template.role or self,
            {
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": (
                    "The ECS container agent's actions (RegisterContainerInstance, Poll, "
                    "Submit*, token refresh) do not support resource scoping."
                ),
                "AwsSolutions::AwsSolutions-IAM5[Action::ecs:Submit*]": (
                    "CDK's ECS agent policy for container instances (SubmitTaskStateChange "
                    "and friends)."
                ),
            },
        )
        acknowledge(
            self.task_definition,
            {
                object_wildcard(storage.uploads, "uploads/"): PREFIX_REASON,
                object_wildcard(storage.results, "results/"): PREFIX_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": (
                    "The execution role's ecr:GetAuthorizationToken only accepts Resource '*'."
                ),
                "AwsSolutions::AwsSolutions-ECS2": (
                    "Environment holds only non-secret settings (bucket and table names, "
                    "thresholds, the Workload Identity audience); no secret is in it."
                ),
            },
        )
        acknowledge(
            asg,
            {
                "AwsSolutions::AwsSolutions-AS3": (
                    "Scaling is managed by the ECS capacity provider; GPU task failures "
                    "(non-zero exit, OOM, never placed, overdue) are caught by the GPU-job "
                    "watcher and alarm through the monitoring construct (GpuTaskFailures)."
                ),
                "HIPAA.Security::HIPAA.Security-AutoScalingGroupELBHealthCheckRequired": (
                    "Batch GPU workers behind no load balancer; ECS replaces failed tasks."
                ),
            },
        )

    @property
    def private_subnet_ids(self) -> list[str]:
        """Subnets the task runs in."""
        return self.vpc.select_subnets(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS).subnet_ids

    def json_list(self, values: list[str]) -> str:
        """A JSON list of (possibly unresolved) strings for an environment variable."""
        return Stack.of(self).to_json_string(values)
