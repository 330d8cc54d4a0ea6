using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ResponseDatesAndOverdueMilestones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(name: "responded_on", table: "recommendations", type: "date", nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "overdue_milestones",
                table: "recommendation_state_history",
                type: "integer",
                nullable: false,
                defaultValue: 0
            );

            // The first response's day, from the audit trail: the earliest event that gave the recommendation a response
            // other than "pending" (an insert with one, or an edit to one). Without such an event it stays unknown.
            migrationBuilder.Sql(
                """
                UPDATE recommendations r SET responded_on = first.day
                FROM (
                    SELECT entity_id, min((occurred_at AT TIME ZONE 'Europe/London')::date) AS day
                    FROM audit_events
                    WHERE entity_type = 'Recommendation'
                      AND new_values ->> 'Response' IN ('Accepted', 'AcceptedInPrinciple', 'NotAccepted')
                    GROUP BY entity_id
                ) first
                WHERE first.entity_id = r.id AND r.response <> 'Pending';
                """
            );

            // Spans recorded before milestones were counted are rebuilt by the next end-of-day run, which rebuilds the
            // history of any recommendation that has none.
            migrationBuilder.Sql("DELETE FROM recommendation_state_history;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "responded_on", table: "recommendations");

            migrationBuilder.DropColumn(name: "overdue_milestones", table: "recommendation_state_history");
        }
    }
}
