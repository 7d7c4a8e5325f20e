"""The Python agent that agentc deploys to AgentCore Runtime (see README.md).

agent/ is a package so that agent/secrets.py imports as ``agent.secrets`` and never shadows the
standard library's ``secrets``.
"""
