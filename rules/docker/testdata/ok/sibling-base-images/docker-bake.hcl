target "eval" {
  dockerfile = "docker/eval-base.Dockerfile"
  tags = ["myproject-eval-base:2", "myproject-eval-base:latest"]
}
